package dev.socketserver.demo.tls;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.socketserver.demo.DemoTest;
import dev.socketserver.server.SocketServer;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's TLS echo server with the development certificate made at start-up, trusted as a client of the demo
 * would trust it: by that certificate alone.
 */
@DemoTest
class DemoTlsEchoTests {

	@Autowired
	@Qualifier("echo-tls")
	SocketServer echoTls;

	@Test
	void echoesLengthPrefixedFramesOverTlsWithTheDevelopmentCertificate() throws Exception {
		Path certificate = Path.of(DevelopmentCertificateEnvironmentPostProcessor.DEFAULT_DIRECTORY,
				DevelopmentCertificate.CERTIFICATE);
		X509Certificate development;
		try (InputStream in = Files.newInputStream(certificate)) {
			development = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		assertThat(development.getSubjectX500Principal().getName()).contains("CN=localhost", "OU=Development only");
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		trusted.setCertificateEntry("demo", development);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		try (SocketTestClient client = SocketTestClient.builder(this.echoTls).ssl(context).verifyHostname().connect()) {
			assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
			byte[] payload = "over tls".getBytes(StandardCharsets.UTF_8);
			client.send(payload).expect(payload);
		}
	}

}
