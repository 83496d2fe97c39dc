package dev.socketserver.ssl;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.jspecify.annotations.Nullable;

/**
 * Certificates made for a test run: a root CA, server certificates for 127.0.0.1 and client certificates, none
 * of them stored anywhere.
 */
public final class TestPki {

	private static final Instant NOW = Instant.now();

	public static final X509Bundle CA = build(new CertificateBuilder().subject("CN=Socket Server Test CA")
		.setIsCertificateAuthority(true)
		.setKeyUsage(true, CertificateBuilder.KeyUsage.keyCertSign, CertificateBuilder.KeyUsage.cRLSign), null);

	private TestPki() {
	}

	public static X509Bundle server(long serial) {
		return build(new CertificateBuilder().subject("CN=localhost")
			.serial(BigInteger.valueOf(serial))
			.addSanDnsName("localhost")
			.addSanIpAddress("127.0.0.1")
			.addSanIpAddress("::1")
			.setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
			.addExtendedKeyUsageServerAuth(), CA);
	}

	/**
	 * A server certificate for another host than this one, which clients that verify host names refuse.
	 */
	public static X509Bundle serverNamed(String dnsName) {
		return build(new CertificateBuilder().subject("CN=" + dnsName)
			.addSanDnsName(dnsName)
			.setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
			.addExtendedKeyUsageServerAuth(), CA);
	}

	/**
	 * A server certificate with an RSA key, for clients limited to old cipher suites.
	 */
	public static X509Bundle rsaServer() {
		return build(new CertificateBuilder().subject("CN=localhost")
			.rsa2048()
			.addSanIpAddress("127.0.0.1")
			.addExtendedKeyUsageServerAuth(), CA);
	}

	public static X509Bundle client(String name) {
		return build(new CertificateBuilder().subject("CN=" + name + ",O=Devices")
			.addSanDnsName(name + ".devices.example")
			.addSanUriName(URI.create("urn:device:" + name))
			.setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
			.addExtendedKeyUsageClientAuth(), CA);
	}

	private static X509Bundle build(CertificateBuilder builder, @Nullable X509Bundle issuer) {
		builder.notBefore(NOW.minus(1, ChronoUnit.HOURS)).notAfter(NOW.plus(1, ChronoUnit.DAYS));
		try {
			return (issuer != null) ? builder.buildIssuedBy(issuer) : builder.buildSelfSigned();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static SslContext serverContext(X509Bundle server, SslEngineType engine, ClientAuth clientAuth) {
		try {
			return SslContextFactory.forServer(server.toKeyManagerFactory())
				.trustManager(CA.toTrustManagerFactory())
				.clientAuth(clientAuth)
				.engine(engine)
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Connects with the JDK's TLS client, verifying the server's certificate and its IP address, and completes
	 * the handshake.
	 */
	public static SSLSocket connect(InetSocketAddress server, @Nullable X509Bundle client) throws Exception {
		SSLSocket socket = (SSLSocket) clientContext(client).getSocketFactory().createSocket();
		verifyHost(socket);
		socket.setSoTimeout(5000);
		socket.connect(server, 5000);
		socket.startHandshake();
		return socket;
	}

	/**
	 * Starts TLS on a connected socket, as a client behind a proxy does after the PROXY header.
	 */
	public static SSLSocket wrap(Socket connected, String host, int port) throws Exception {
		SSLSocket socket = (SSLSocket) clientContext(null).getSocketFactory().createSocket(connected, host, port, true);
		verifyHost(socket);
		socket.setSoTimeout(5000);
		socket.startHandshake();
		return socket;
	}

	private static SSLContext clientContext(@Nullable X509Bundle client) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		KeyManager[] keyManagers = (client != null) ? client.toKeyManagerFactory().getKeyManagers() : null;
		context.init(keyManagers, CA.toTrustManagerFactory().getTrustManagers(), null);
		return context;
	}

	private static void verifyHost(SSLSocket socket) {
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
	}

}
