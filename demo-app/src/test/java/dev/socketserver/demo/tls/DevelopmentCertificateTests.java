package dev.socketserver.demo.tls;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentCertificateTests {

	@TempDir
	Path dir;

	@Test
	void makesAShortLivedLocalhostCertificateOnceAndKeepsTheKeyPrivate() throws Exception {
		assertThat(DevelopmentCertificate.ensure(this.dir)).isTrue();
		Path key = this.dir.resolve(DevelopmentCertificate.PRIVATE_KEY);
		assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(
					Files.readAllBytes(this.dir.resolve(DevelopmentCertificate.CERTIFICATE))));
		assertThat(certificate.getSubjectAlternativeNames()).extracting((name) -> name.get(1).toString())
			.contains("localhost", "127.0.0.1");
		assertThat(certificate.getNotAfter().getTime() - certificate.getNotBefore().getTime())
			.isLessThanOrEqualTo(31L * 24 * 3600 * 1000);
		assertThat(DevelopmentCertificate.ensure(this.dir)).isFalse();
		assertThat(Files.list(this.dir)).hasSize(2);
	}

}
