package dev.socketserver.autoconfigure;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.socketserver.access.RateLimitPolicy;
import dev.socketserver.autoconfigure.health.SocketServerHealthIndicator;
import dev.socketserver.autoconfigure.info.SocketServersInfoContributor;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.proxy.ProxyProtocolMode;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.ssl.CertificateNames;
import dev.socketserver.ssl.ServerSsl;
import io.netty.handler.ssl.ClientAuth;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * TLS from SSL bundles (PEM and PKCS12, reloaded on change), PROXY protocol, access rules and rate limits from
 * properties, with real handshakes on loopback and certificates made in the test.
 */
class SocketServerSecurityTests {

	private static final X509Bundle CA = build(new CertificateBuilder().subject("CN=Test CA")
		.setIsCertificateAuthority(true)
		.setKeyUsage(true, CertificateBuilder.KeyUsage.keyCertSign), null);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SocketServerAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.servers.secure.port=0", "socket.servers.secure.codec=length-field");

	@TempDir
	Path dir;

	@Test
	void pemBundleServesTls13AndTls12Only() throws Exception {
		writePem(server(1), "server");
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"), "socket.servers.secure.ssl.bundle=server")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SocketServer server = context.getBean(SocketServer.class);
				ServerSsl ssl = server.config().ssl();
				assertThat(ssl).isNotNull();
				assertThat(ssl.protocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
				assertThat(ssl.engine()).isEqualTo("openssl");
				try (SSLSocket socket = connect(server.port(), null)) {
					assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
					assertThat(echo(socket, "over pem")).isEqualTo("over pem");
				}
			});
	}

	@Test
	void pkcs12BundleServesTls() throws Exception {
		KeyStore keyStore = server(7).toKeyStore("secret".toCharArray());
		Path file = this.dir.resolve("server.p12");
		try (OutputStream out = Files.newOutputStream(file)) {
			keyStore.store(out, "secret".toCharArray());
		}
		this.contextRunner
			.withPropertyValues("spring.ssl.bundle.jks.p12.keystore.location=file:" + file,
					"spring.ssl.bundle.jks.p12.keystore.password=secret",
					"spring.ssl.bundle.jks.p12.keystore.type=PKCS12", "socket.servers.secure.ssl.bundle=p12",
					"socket.servers.secure.ssl.engine=JDK")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(server.config().ssl().engine()).isEqualTo("jdk");
				try (SSLSocket socket = connect(server.port(), null)) {
					assertThat(serial(socket)).isEqualTo(7);
					assertThat(echo(socket, "over pkcs12")).isEqualTo("over pkcs12");
				}
			});
	}

	@Test
	void protocolsComeFromTheServerThenTheBundleOptions() throws Exception {
		writePem(server(1), "server");
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"), "socket.servers.secure.ssl.bundle=server",
					"spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv1.2")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(server.config().ssl().protocols()).containsExactly("TLSv1.2");
				try (SSLSocket socket = connect(server.port(), null)) {
					assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
				}
			});
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"), "socket.servers.secure.ssl.bundle=server",
					"spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv1.2",
					"socket.servers.secure.ssl.protocols=TLSv1.3")
			.run((context) -> assertThat(context.getBean(SocketServer.class).config().ssl().protocols())
				.containsExactly("TLSv1.3"));
	}

	@Test
	void neededClientCertificateIdentifiesTheClientAndItsAbsenceFailsTheHandshake() throws Exception {
		writePem(server(1), "server");
		Files.writeString(this.dir.resolve("ca.pem"), CA.getCertificatePEM());
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"),
					"spring.ssl.bundle.pem.server.truststore.certificate=file:" + this.dir.resolve("ca.pem"),
					"socket.servers.secure.ssl.bundle=server", "socket.servers.secure.ssl.client-auth=need")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(server.config().ssl().clientAuth()).isEqualTo(ClientAuth.REQUIRE);
				try (SSLSocket socket = connect(server.port(), client("meter-9"))) {
					assertThat(echo(socket, "reading")).isEqualTo("reading");
					Connection connection = server.connections().stream().findFirst().orElseThrow();
					assertThat(CertificateNames.commonName(connection.peerCertificate())).isEqualTo("meter-9");
				}
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
					try (SSLSocket socket = connect(server.port(), null)) {
						echo(socket, "anonymous");
					}
				});
				await().untilAsserted(() -> assertThat(
						server.connections().stats().closed(CloseReason.TLS_HANDSHAKE_FAILED)).isEqualTo(1));
			});
	}

	@Test
	void wantedClientCertificateIsOptional() throws Exception {
		writePem(server(1), "server");
		Files.writeString(this.dir.resolve("ca.pem"), CA.getCertificatePEM());
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"),
					"spring.ssl.bundle.pem.server.truststore.certificate=file:" + this.dir.resolve("ca.pem"),
					"socket.servers.secure.ssl.bundle=server", "socket.servers.secure.ssl.client-auth=want")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				try (SSLSocket socket = connect(server.port(), null)) {
					assertThat(echo(socket, "anonymous")).isEqualTo("anonymous");
					assertThat(server.connections().stream().findFirst().orElseThrow().peerCertificate()).isNull();
				}
			});
	}

	@Test
	void clientAuthenticationWithoutTrustStoreFailsStartup() throws Exception {
		writePem(server(1), "server");
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"), "socket.servers.secure.ssl.bundle=server",
					"socket.servers.secure.ssl.client-auth=need")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.secure.ssl.bundle")
				.hasMessageContaining("trust store"));
	}

	@Test
	void unknownBundleFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("socket.servers.secure.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.secure.ssl.bundle")
				.hasMessageContaining("spring.ssl.bundle.pem.missing"));
	}

	@Test
	void tlsIsOffWithoutABundleOrWhenDisabled() throws Exception {
		writePem(server(1), "server");
		this.contextRunner.run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			assertThat(server.config().ssl()).isNull();
			try (Socket socket = new Socket("127.0.0.1", server.port())) {
				assertThat(echo(socket, "plain")).isEqualTo("plain");
			}
		});
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"), "socket.defaults.ssl.bundle=server",
					"socket.servers.secure.ssl.enabled=false")
			.run((context) -> assertThat(context.getBean(SocketServer.class).config().ssl()).isNull());
	}

	@Test
	void reloadedBundleServesNewConnectionsWhileOpenOnesKeepWorking() throws Exception {
		writePem(server(1), "server");
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"), "socket.servers.secure.ssl.bundle=server",
					"spring.ssl.bundle.pem.server.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				try (SSLSocket old = connect(server.port(), null)) {
					assertThat(serial(old)).isEqualTo(1);
					writePem(server(2), "server");
					await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
						try (SSLSocket fresh = connect(server.port(), null)) {
							assertThat(serial(fresh)).isEqualTo(2);
						}
					});
					assertThat(echo(old, "still served")).isEqualTo("still served");
					assertThat(server.config().ssl().updates()).isPositive();
				}
			});
	}

	@Test
	void healthAndInfoReportTheTlsEngineAndProtocols() throws Exception {
		writePem(server(1), "server");
		this.contextRunner
			.withPropertyValues(pemBundle("server"), pemKey("server"), "socket.servers.secure.ssl.bundle=server",
				"socket.servers.secure.proxy-protocol.mode=optional",
				"socket.servers.secure.proxy-protocol.trusted-proxies=10.0.0.0/8")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				Health health = new SocketServerHealthIndicator(server).health();
				assertThat(health.getDetails().get("tls")).asInstanceOf(
						org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
					.containsEntry("engine", "openssl")
					.containsEntry("clientAuth", "none")
					.containsEntry("protocols", List.of("TLSv1.3", "TLSv1.2"))
					.containsEntry("reloads", 0L);
				Info.Builder builder = new Info.Builder();
				new SocketServersInfoContributor(List.of(server)).contribute(builder);
				@SuppressWarnings("unchecked")
				Map<String, Object> servers = (Map<String, Object>) ((Map<String, Object>) builder.build()
					.getDetails()
					.get("socketServers")).get("servers");
				assertThat(servers.get("secure").toString()).contains("engine=openssl", "proxyProtocol=optional");
			});
	}

	@Test
	void proxyProtocolAccessAndRateLimitsAreMappedFromProperties() {
		this.contextRunner
			.withPropertyValues("socket.servers.secure.proxy-protocol.mode=required",
					"socket.servers.secure.proxy-protocol.trusted-proxies=127.0.0.1,10.0.0.0/8",
					"socket.servers.secure.access.allow=127.0.0.0/8,::1", "socket.servers.secure.access.deny=127.0.0.9",
					"socket.defaults.rate-limit.connections-per-second=2.5",
					"socket.servers.secure.rate-limit.messages-per-second=100",
					"socket.servers.secure.rate-limit.message-policy=pause")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SocketServerConfig config = context.getBean(SocketServer.class).config();
				assertThat(config.proxyProtocol().mode()).isEqualTo(ProxyProtocolMode.REQUIRED);
				assertThat(config.proxyProtocol().isTrusted(InetAddress.getByName("10.1.2.3"))).isTrue();
				assertThat(config.accessRules().isAllowed(InetAddress.getByName("127.0.0.1"))).isTrue();
				assertThat(config.accessRules().isAllowed(InetAddress.getByName("127.0.0.9"))).isFalse();
				assertThat(config.accessRules().isAllowed(InetAddress.getByName("192.0.2.1"))).isFalse();
				assertThat(config.connectionRateLimit().connectionsPerSecond()).isEqualTo(2.5);
				assertThat(config.connectionRateLimit().burst()).isEqualTo(3);
				assertThat(config.messageRateLimit().burst()).isEqualTo(100);
				assertThat(config.messageRateLimit().policy()).isEqualTo(RateLimitPolicy.PAUSE);
			});
	}

	@Test
	void securityIsOffByDefault() {
		this.contextRunner.run((context) -> {
			SocketServerConfig config = context.getBean(SocketServer.class).config();
			assertThat(config.ssl()).isNull();
			assertThat(config.proxyProtocol()).isNull();
			assertThat(config.accessRules()).isNull();
			assertThat(config.connectionRateLimit()).isNull();
			assertThat(config.messageRateLimit()).isNull();
		});
	}

	@Test
	void deniedAddressIsRefusedOverARealSocket() {
		this.contextRunner.withPropertyValues("socket.servers.secure.access.deny=127.0.0.0/8").run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			try (Socket socket = new Socket("127.0.0.1", server.port())) {
				socket.setSoTimeout(5000);
				assertThat(socket.getInputStream().read()).isEqualTo(-1);
			}
			catch (SocketException reset) {
				// refused as it was accepted: a reset is as good as an end of stream
			}
			await().untilAsserted(() -> assertThat(
					server.connections().stats().rejected(CloseReason.ACCESS_DENIED)).isEqualTo(1));
		});
	}

	@Test
	void invalidSecurityPropertiesFailStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("socket.servers.secure.access.allow=10.0.0.0/40")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socket.servers.secure.access.allow"));
		this.contextRunner.withPropertyValues("socket.servers.secure.proxy-protocol.mode=optional")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socket.servers.secure.proxy-protocol.trusted-proxies"));
		this.contextRunner.withPropertyValues("socket.servers.secure.rate-limit.messages-per-second=-1")
			.run((context) -> assertThat(context).hasFailed());
	}

	private String pemBundle(String name) {
		return "spring.ssl.bundle.pem." + name + ".keystore.certificate=file:" + this.dir.resolve(name + ".crt");
	}

	private String pemKey(String name) {
		return "spring.ssl.bundle.pem." + name + ".keystore.private-key=file:" + this.dir.resolve(name + ".key");
	}

	private void writePem(X509Bundle bundle, String name) throws IOException {
		Files.writeString(this.dir.resolve(name + ".key"), bundle.getPrivateKeyPEM());
		Files.writeString(this.dir.resolve(name + ".crt"), bundle.getCertificatePathPEM());
	}

	private static X509Bundle server(long serial) {
		return build(new CertificateBuilder().subject("CN=localhost")
			.serial(BigInteger.valueOf(serial))
			.addSanIpAddress("127.0.0.1")
			.addExtendedKeyUsageServerAuth(), CA);
	}

	private static X509Bundle client(String name) {
		return build(new CertificateBuilder().subject("CN=" + name).addExtendedKeyUsageClientAuth(), CA);
	}

	private static X509Bundle build(CertificateBuilder builder, @Nullable X509Bundle issuer) {
		builder.notBefore(Instant.now().minus(1, ChronoUnit.HOURS)).notAfter(Instant.now().plus(1, ChronoUnit.DAYS));
		try {
			return (issuer != null) ? builder.buildIssuedBy(issuer) : builder.buildSelfSigned();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SSLSocket connect(int port, @Nullable X509Bundle client) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		KeyManager[] keyManagers = (client != null) ? client.toKeyManagerFactory().getKeyManagers() : null;
		context.init(keyManagers, CA.toTrustManagerFactory().getTrustManagers(), null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
		socket.setSoTimeout(5000);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.startHandshake();
		return socket;
	}

	private static long serial(SSLSocket socket) throws Exception {
		return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().longValueExact();
	}

	private static String echo(Socket socket, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		DataOutputStream out = new DataOutputStream(socket.getOutputStream());
		out.writeInt(bytes.length);
		out.write(bytes);
		out.flush();
		DataInputStream in = new DataInputStream(socket.getInputStream());
		byte[] reply = new byte[in.readInt()];
		in.readFully(reply);
		return new String(reply, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		SocketHandler<byte[]> bytesEcho() {
			return (connection, message) -> connection.offer(message);
		}

	}

}
