package dev.socketserver.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.jayway.jsonpath.JsonPath;
import dev.socketserver.auth.ClientCertificateAuthenticator;
import dev.socketserver.connection.Authentication;
import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.IdentityTakeover;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.connection.SocketPrincipal;
import dev.socketserver.handler.annotation.OnAuthenticate;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.RequiresAuthority;
import dev.socketserver.handler.controller.ControllerHandler;
import dev.socketserver.server.SocketServer;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a server's authentication follows from its {@code auth} properties and handler, the start-up errors of
 * contradictory or forgotten settings, and authentication over real sockets on loopback.
 */
class SocketServerAuthenticationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class))
		.withUserConfiguration(AuthenticatorConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.servers.echo.port=0", "socket.servers.echo.handler=lineEcho");

	@TempDir
	Path dir;

	@Test
	void serverWithoutAuthPropertiesDoesNotAuthenticate() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(authentication(context.getBean(SocketServer.class))).isNull();
		});
	}

	@Test
	void authenticatorBeanAuthenticatesWithTheDefaults() {
		this.contextRunner.withPropertyValues("socket.servers.echo.auth.authenticator=tokens").run((context) -> {
			Authentication authentication = authentication(context.getBean(SocketServer.class));
			assertThat(authentication).isNotNull();
			assertThat(authentication.authenticator()).isSameAs(context.getBean("tokens"));
			Authentication defaults = Authentication.of(authentication.authenticator());
			assertThat(authentication).isEqualTo(defaults);
		});
	}

	@Test
	void eachTuningPropertyIsApplied() {
		this.contextRunner
			.withPropertyValues("socket.servers.echo.auth.authenticator=tokens", "socket.servers.echo.auth.timeout=3",
					"socket.servers.echo.auth.takeover=close-older", "socket.servers.echo.auth.max-failures=2",
					"socket.servers.echo.auth.failure-window=30s", "socket.servers.echo.auth.ban-duration=2m",
					"socket.servers.echo.auth.tracked-addresses=64", "socket.servers.echo.auth.forbidden=close")
			.run((context) -> {
				Authentication authentication = authentication(context.getBean(SocketServer.class));
				assertThat(authentication.timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(authentication.takeover()).isEqualTo(IdentityTakeover.CLOSE_OLDER);
				assertThat(authentication.maxFailures()).isEqualTo(2);
				assertThat(authentication.failureWindow()).isEqualTo(Duration.ofSeconds(30));
				assertThat(authentication.banDuration()).isEqualTo(Duration.ofMinutes(2));
				assertThat(authentication.trackedAddresses()).isEqualTo(64);
				assertThat(authentication.closeWhenForbidden()).isTrue();
			});
	}

	@Test
	void noBanAfterFailuresWithZeroMaxFailures() {
		this.contextRunner
			.withPropertyValues("socket.servers.echo.auth.authenticator=tokens",
					"socket.servers.echo.auth.max-failures=0", "socket.servers.echo.auth.timeout=0")
			.run((context) -> {
				Authentication authentication = authentication(context.getBean(SocketServer.class));
				assertThat(authentication.maxFailures()).isZero();
				assertThat(authentication.timeout()).isZero();
			});
	}

	@Test
	void defaultsAuthenticateEveryServerUnlessOneTurnsItsAuthenticatorOff() {
		this.contextRunner
			.withPropertyValues("socket.defaults.auth.authenticator=tokens", "socket.defaults.auth.timeout=4s",
					"socket.servers.open.port=0", "socket.servers.open.handler=lineEcho",
					"socket.servers.open.auth.authenticator=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Authentication echo = authentication(context.getBean("echoSocketServer", SocketServer.class));
				assertThat(echo.authenticator()).isSameAs(context.getBean("tokens"));
				assertThat(echo.timeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(authentication(context.getBean("openSocketServer", SocketServer.class))).isNull();
			});
	}

	@Test
	void tuningInheritedFromDefaultsIsIgnoredByServersWithoutAuthenticator() {
		this.contextRunner.withPropertyValues("socket.defaults.auth.timeout=4s", "socket.defaults.auth.forbidden=close")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(authentication(context.getBean(SocketServer.class))).isNull();
			});
	}

	@Test
	void ownTuningWithoutAuthenticatorFailsNamingTheProperty() {
		for (String property : List.of("timeout=5s", "takeover=refuse-newer", "max-failures=3", "failure-window=2m",
				"ban-duration=1h", "tracked-addresses=128", "forbidden=close")) {
			String name = property.substring(0, property.indexOf('='));
			this.contextRunner.withPropertyValues("socket.servers.echo.auth." + property)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("socket.servers.echo.auth." + name)
					.hasMessageContaining("has no authenticator"));
		}
	}

	@Test
	void unknownAuthenticatorBeanFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("socket.servers.echo.auth.authenticator=nope")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.auth.authenticator")
				.hasMessageContaining("No SocketAuthenticator bean has this name; candidates: [tokens]"));
	}

	@Test
	void authenticatorBeanOfAnotherTypeFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("socket.servers.echo.auth.authenticator=lineEcho")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.auth.authenticator")
				.hasMessageContaining("not a SocketAuthenticator"));
	}

	@Test
	void clientCertificateWithoutRequiredClientCertificatesFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("socket.servers.echo.auth.client-certificate=common-name")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.auth.client-certificate")
				.hasMessageContaining("ssl.client-auth=need"));
		this.contextRunner
			.withPropertyValues("socket.servers.echo.auth.client-certificate=subject-alternative-name",
					"socket.servers.echo.ssl.client-auth=need")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socket.servers.echo.auth.client-certificate"));
	}

	@Test
	void clientCertificateNamesThePrincipalOverMutualTls() throws Exception {
		Files.writeString(this.dir.resolve("server.key"), SERVER.getPrivateKeyPEM());
		Files.writeString(this.dir.resolve("server.crt"), SERVER.getCertificatePathPEM());
		Files.writeString(this.dir.resolve("ca.pem"), CA.getCertificatePEM());
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("spring.ssl.bundle.pem.mtls.keystore.certificate=file:" + file("server.crt"),
					"spring.ssl.bundle.pem.mtls.keystore.private-key=file:" + file("server.key"),
					"spring.ssl.bundle.pem.mtls.truststore.certificate=file:" + file("ca.pem"),
					"socket.servers.echo.ssl.bundle=mtls", "socket.servers.echo.ssl.client-auth=need",
					"socket.servers.echo.handler=whoAmI", "socket.servers.echo.auth.client-certificate=common-name",
					"socket.servers.echo.auth.client-certificate-authorities=meter:read,meter:write")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(authentication(server).authenticator()).isInstanceOf(ClientCertificateAuthenticator.class);
				try (SSLSocket socket = connectTls(server.port(), client("meter-9"))) {
					socket.getOutputStream().write("who\n".getBytes(StandardCharsets.UTF_8));
					assertThat(reader(socket.getInputStream()).readLine())
						.isEqualTo("meter-9 [meter:read, meter:write]");
				}
			});
	}

	@Test
	void clientCertificateAuthoritiesWithoutClientCertificateFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("socket.servers.echo.auth.authenticator=tokens",
					"socket.servers.echo.auth.client-certificate-authorities=meter:read")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.auth.client-certificate-authorities"));
	}

	@Test
	void authenticatorBeanAndClientCertificateFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("socket.servers.echo.auth.authenticator=tokens",
					"socket.servers.echo.auth.client-certificate=common-name")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.auth.authenticator")
				.hasMessageContaining("more than one authenticator"));
	}

	@Test
	void onAuthenticateOfTheControllersAuthenticates() {
		this.contextRunner.withUserConfiguration(ControllerHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.handler=controllers", "socket.servers.echo.auth.timeout=2s")
			.run((context) -> {
				Authentication authentication = authentication(context.getBean(SocketServer.class));
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(authentication.authenticator())
					.isSameAs(((ControllerHandler) server.config().handler()).authenticator());
				assertThat(authentication.timeout()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void authenticatorBeanAndOnAuthenticateFailNamingTheProperty() {
		this.contextRunner.withUserConfiguration(ControllerHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.handler=controllers",
					"socket.servers.echo.auth.authenticator=tokens")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.auth.authenticator")
				.hasMessageContaining("@OnAuthenticate"));
	}

	@Test
	void requiredAuthorityWithoutAuthenticatorFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(AuthorityControllerHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.handler=controllers")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.auth.authenticator")
				.hasMessageContaining("@RequiresAuthority"));
	}

	@Test
	void requiredAuthorityIsGrantedByAnAuthenticatorOfAnySource() {
		this.contextRunner.withUserConfiguration(AuthorityControllerHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.handler=controllers",
					"socket.servers.echo.auth.authenticator=tokens")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withUserConfiguration(AuthorityControllerHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.handler=controllers")
			.withBean(SocketServerCustomizer.class, () -> (builder) -> builder
				.authentication(Authentication.of((connection, message) -> AuthenticationStep.rejected("no"))))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void customizersChangeTheAuthenticationOfTheProperties() {
		this.contextRunner.withPropertyValues("socket.servers.echo.auth.authenticator=tokens")
			.withBean(SocketServerCustomizer.class,
					() -> (builder) -> builder.authentication(
							(current) -> current.withFailureBan(0, current.failureWindow(), current.banDuration())))
			.run((context) -> assertThat(authentication(context.getBean(SocketServer.class)).maxFailures()).isZero());
	}

	@Test
	void invalidTuningValuesFailStartup() {
		for (String property : List.of("timeout=-1s", "max-failures=-1", "failure-window=0", "ban-duration=0",
				"tracked-addresses=2", "takeover=steal", "forbidden=ignore", "client-certificate=serial")) {
			this.contextRunner
				.withPropertyValues("socket.servers.echo.auth.authenticator=tokens",
						"socket.servers.echo.auth." + property)
				.run((context) -> assertThat(context).hasFailed());
		}
	}

	@Test
	void idleUnauthenticatedClientIsClosedAtTheTimeoutAndAGoodOneIsServed() {
		this.contextRunner
			.withPropertyValues("socket.servers.echo.auth.authenticator=tokens",
					"socket.servers.echo.auth.timeout=200ms", "socket.servers.echo.handler=whoAmI",
					"socket.servers.echo.heartbeat.tick=50ms")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				Map<Integer, CloseReason> closed = context.getBean(ClosedConnections.class).reasons;
				try (LineClient good = LineClient.connect(server.port())) {
					assertThat(good.exchange("TOKEN device-1")).isEqualTo("WELCOME device-1");
					assertThat(good.exchange("who")).isEqualTo("device-1 [telemetry:write]");
					LineClient idle = LineClient.connect(server.port());
					assertThat(idle.isClosedByServer()).isTrue();
					idle.close();
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(closed).containsEntry(idle.localPort(),
								CloseReason.AUTHENTICATION_TIMEOUT));
					assertThat(good.exchange("who")).isEqualTo("device-1 [telemetry:write]");
					assertThat(closed).doesNotContainKey(good.localPort());
				}
			});
	}

	@Test
	void metadataDocumentsEveryAuthPropertyWithItsDefault() throws IOException {
		String json;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("authenticator", null);
		expected.put("client-certificate", "none");
		expected.put("client-certificate-authorities", null);
		expected.put("timeout", "10s");
		expected.put("takeover", "keep-both");
		expected.put("max-failures", 5);
		expected.put("failure-window", "1m");
		expected.put("ban-duration", "5m");
		expected.put("tracked-addresses", 4096);
		expected.put("forbidden", "reply");
		List<Map<String, Object>> documented = JsonPath.read(json,
				"$.properties[?(@.name =~ /socket\\.defaults\\.auth\\..*/)]");
		assertThat(documented).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrderElementsOf(
					expected.keySet().stream().map((key) -> "socket.defaults.auth." + key).toList());
		for (Map<String, Object> property : documented) {
			String key = ((String) property.get("name")).substring("socket.defaults.auth.".length());
			assertThat(property.get("description")).as(key).asString().isNotBlank().doesNotStartWith("The ");
			assertThat(property.get("defaultValue")).as(key).isEqualTo(expected.get(key));
		}
	}

	private Path file(String name) {
		return this.dir.resolve(name);
	}

	private static @Nullable Authentication authentication(SocketServer server) {
		return server.config().authentication();
	}

	private static BufferedReader reader(InputStream in) {
		return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
	}

	private static final X509Bundle CA = build(new CertificateBuilder().subject("CN=Test CA")
		.setIsCertificateAuthority(true)
		.setKeyUsage(true, CertificateBuilder.KeyUsage.keyCertSign), null);

	private static final X509Bundle SERVER = build(new CertificateBuilder().subject("CN=localhost")
		.addSanIpAddress("127.0.0.1")
		.addExtendedKeyUsageServerAuth(), CA);

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

	private static SSLSocket connectTls(int port, X509Bundle client) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(client.toKeyManagerFactory().getKeyManagers(), CA.toTrustManagerFactory().getTrustManagers(),
				null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
		socket.setSoTimeout(5000);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.startHandshake();
		return socket;
	}

	@Configuration(proxyBeanMethods = false)
	static class AuthenticatorConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, message) -> connection.send(message);
		}

		@Bean
		SocketHandler<String> whoAmI() {
			return (connection, message) -> {
				SocketPrincipal principal = connection.principal();
				connection.send((principal != null)
						? principal.name() + " " + principal.authorities().stream().sorted().toList() : "nobody");
			};
		}

		/**
		 * Authenticates lines {@code TOKEN <device>}; anything else is rejected.
		 */
		@Bean
		SocketAuthenticator<String> tokens() {
			return (connection, message) -> message.startsWith("TOKEN ")
					? AuthenticationStep.authenticated(SocketPrincipal.of(message.substring(6), "telemetry:write"),
							"WELCOME " + message.substring(6))
					: AuthenticationStep.rejected("not a token", "DENIED");
		}

		@Bean
		ClosedConnections closedConnections() {
			return new ClosedConnections();
		}

	}

	/**
	 * Close reasons by the client's port.
	 */
	static class ClosedConnections implements ConnectionListener {

		final Map<Integer, CloseReason> reasons = new ConcurrentHashMap<>();

		@Override
		public void connectionClosed(Connection connection, CloseReason reason) {
			this.reasons.put(((InetSocketAddress) connection.remoteAddress()).getPort(), reason);
		}

	}

	/**
	 * A controller with an {@code @OnAuthenticate} method: its first line names the principal.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ControllerHandlerConfiguration {

		@Bean
		AuthenticatingController controllers() {
			return new AuthenticatingController();
		}

	}

	@SocketController("echo")
	static class AuthenticatingController {

		@OnAuthenticate
		AuthenticationStep authenticate(String line) {
			return AuthenticationStep.authenticated(SocketPrincipal.of(line));
		}

		@OnMessage
		String echo(String line) {
			return line;
		}

	}

	/**
	 * A controller with a {@code @RequiresAuthority} method and no {@code @OnAuthenticate} method.
	 */
	@Configuration(proxyBeanMethods = false)
	static class AuthorityControllerHandlerConfiguration {

		@Bean
		AuthorityController controllers() {
			return new AuthorityController();
		}

	}

	@SocketController("echo")
	static class AuthorityController {

		@OnMessage
		@RequiresAuthority("valve:write")
		String open(String line) {
			return line;
		}

	}

}
