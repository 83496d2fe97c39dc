package dev.socketserver.demo.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} made with the JDK's {@code keytool}, written as the PEM files
 * of the demo's SSL bundle: short-lived, named "development only", and never committed. A valid one is reused,
 * so that a client can trust it across restarts; one that expires within a day is replaced.
 */
public final class DevelopmentCertificate {

	/**
	 * Name of the certificate file in the directory.
	 */
	public static final String CERTIFICATE = "dev-cert.pem";

	/**
	 * Name of the private key file in the directory.
	 */
	public static final String PRIVATE_KEY = "dev-key.pem";

	private static final int VALIDITY_DAYS = 30;

	private DevelopmentCertificate() {
	}

	/**
	 * Makes sure a valid certificate and key are in a directory.
	 * @param directory where the PEM files live
	 * @return whether new ones were made
	 * @throws IOException if they cannot be written or {@code keytool} fails
	 */
	public static boolean ensure(Path directory) throws IOException {
		Path certificate = directory.resolve(CERTIFICATE);
		Path key = directory.resolve(PRIVATE_KEY);
		if (Files.isRegularFile(key) && validForAnotherDay(certificate)) {
			return false;
		}
		Files.createDirectories(directory);
		Path keyStore = Files.createTempFile(directory, "dev-", ".p12");
		Files.delete(keyStore);
		char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
		try {
			keytool(keyStore, password);
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore)) {
				store.load(in, password);
			}
			Key privateKey = store.getKey("dev", password);
			Certificate cert = store.getCertificate("dev");
			writeOwnerOnly(key, pem("PRIVATE KEY", privateKey.getEncoded()));
			Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
			return true;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not read the key store made by keytool", ex);
		}
		finally {
			Files.deleteIfExists(keyStore);
		}
	}

	private static boolean validForAnotherDay(Path certificate) {
		if (!Files.isRegularFile(certificate)) {
			return false;
		}
		try {
			X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate)));
			return cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)));
		}
		catch (IOException | GeneralSecurityException ex) {
			return false;
		}
	}

	private static void keytool(Path keyStore, char[] password) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		if (!Files.isExecutable(keytool)) {
			throw new IOException("No keytool in " + keytool.getParent() + ": run the demo on a JDK, or put a "
					+ "certificate and key of your own in the demo's TLS directory");
		}
		String secret = new String(password);
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "dev", "-keyalg",
				"EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname",
				"CN=localhost, OU=Development only, O=Socket Server demo", "-ext",
				"SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-validity", String.valueOf(VALIDITY_DAYS), "-storetype",
				"PKCS12", "-keystore", keyStore.toString(), "-storepass", secret, "-keypass", secret))
			.redirectErrorStream(true)
			.start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("keytool failed: " + output.strip());
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while keytool made the development certificate", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static void writeOwnerOnly(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		Files.writeString(file, content);
	}

}
