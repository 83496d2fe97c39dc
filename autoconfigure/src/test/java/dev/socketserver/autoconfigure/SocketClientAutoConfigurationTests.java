package dev.socketserver.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.socketserver.client.ClientState;
import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.SocketClient;
import dev.socketserver.client.SocketClientConfig;
import dev.socketserver.client.WhileDisconnected;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.request.Correlation;
import dev.socketserver.server.SocketServer;
import dev.socketserver.transport.EventLoops;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients from {@code socket.clients}: created and started after the servers, bound from their properties over
 * {@code socket.client-defaults}, customized, served by a named handler, over TLS from an SSL bundle, and failing
 * at startup with the name of a bad property.
 */
class SocketClientAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
				SocketClientAutoConfiguration.class))
		.withUserConfiguration(HandlersConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1");

	@TempDir
	Path dir;

	@Test
	void aClientConnectsToAServerOfTheSameContextAtItsFirstAttempt() throws Exception {
		int port = freePort();
		this.contextRunner
			.withPropertyValues("socket.servers.echo.port=" + port, "socket.servers.echo.handler=lineEcho",
					"socket.clients.echo.endpoints=127.0.0.1:" + port, "socket.clients.echo.handler=replies")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBeanNames(SocketClient.class).containsExactly("echoSocketClient");
				SocketClient client = context.getBean(SocketClient.class);
				client.awaitConnected(TIMEOUT);
				// Started after the server listened: no failed attempt before it.
				assertThat(client.connectFailures()).isZero();
				client.send("hello");
				assertThat(context.getBean(Replies.class).lines.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
			});
	}

	@Test
	void aClientWithACorrelationFromPropertiesGetsTheReplyToItsRequest() throws Exception {
		int port = freePort();
		this.contextRunner
			.withPropertyValues("socket.servers.echo.port=" + port, "socket.servers.echo.handler=lineEcho",
					"socket.clients.echo.endpoints=127.0.0.1:" + port, "socket.clients.echo.handler=replies",
					"socket.clients.echo.requests.correlation=in-order", "socket.clients.echo.requests.timeout=7s")
			.run((context) -> {
				SocketClient client = context.getBean(SocketClient.class);
				assertThat(client.config().requests()).isNotNull();
				assertThat(client.config().requests().defaultTimeout()).isEqualTo(Duration.ofSeconds(7));
				client.awaitConnected(TIMEOUT);
				Object reply = client.request("status?").toCompletableFuture().get(5, TimeUnit.SECONDS);
				assertThat(reply).isEqualTo("status?");
				// The echo answered the request: it did not reach the handler of unsolicited messages.
				assertThat(context.getBean(Replies.class).lines).isEmpty();
			});
	}

	@Test
	void aClientsHandlerIsNotTakenForTheOnlyHandlerOfAServer() {
		this.contextRunner.withPropertyValues("socket.servers.echo.port=0", "socket.clients.echo.endpoints=127.0.0.1:1",
					"socket.clients.echo.handler=replies")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SocketServer server = context.getBean(SocketServer.class);
				try (LineClient line = LineClient.connect(server.port())) {
					assertThat(line.exchange("served by lineEcho")).isEqualTo("served by lineEcho");
				}
			});
	}

	@Test
	void propertiesOverTheClientDefaultsMakeTheConfiguration() {
		this.contextRunner
			.withPropertyValues("socket.client-defaults.reconnect.max-delay=5s",
					"socket.client-defaults.connect-timeout=2s", "socket.clients.orders.endpoints=127.0.0.1:1,"
							+ "orders.internal:7001,[::1]:7002",
					"socket.clients.orders.reconnect.initial-delay=50", "socket.clients.orders.reconnect.jitter=0.5",
					"socket.clients.orders.pool-size=2", "socket.clients.orders.while-disconnected=queue",
					"socket.clients.orders.queue-capacity=10", "socket.clients.orders.heartbeat.ping-interval=10",
					"socket.clients.orders.fail-back.enabled=true", "socket.clients.orders.fail-back.interval=5",
					"socket.clients.orders.limits.frame-timeout=3")
			.run((context) -> {
				SocketClientConfig config = context.getBean("ordersSocketClient", SocketClient.class).config();
				assertThat(config.endpoints()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 1),
						InetSocketAddress.createUnresolved("orders.internal", 7001),
						InetSocketAddress.createUnresolved("::1", 7002));
				assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.reconnect().initialDelay()).isEqualTo(Duration.ofMillis(50));
				assertThat(config.reconnect().maxDelay()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.reconnect().jitter()).isEqualTo(0.5);
				assertThat(config.poolSize()).isEqualTo(2);
				assertThat(config.whileDisconnected()).isEqualTo(WhileDisconnected.QUEUE);
				assertThat(config.queueCapacity()).isEqualTo(10);
				assertThat(config.heartbeat().pingInterval()).isEqualTo(Duration.ofSeconds(10));
				assertThat(config.heartbeat().readIdleTimeout()).isZero();
				assertThat(config.heartbeatMessages()).hasToString("PING/PONG");
				assertThat(config.failBack().enabled()).isTrue();
				assertThat(config.failBack().interval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.limits().frameTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.limits().firstMessageTimeout()).isZero();
				assertThat(config.clientSsl()).isNull();
				assertThat(config.requests()).isNull();
			});
	}

	@Test
	void aCustomizerConfiguresRequestsThatAServerAnswers() throws Exception {
		int port = freePort();
		this.contextRunner.withUserConfiguration(CorrelationConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=" + port, "socket.servers.echo.handler=lineEcho",
					"socket.clients.echo.endpoints=127.0.0.1:" + port)
			.run((context) -> {
				SocketClient client = context.getBean(SocketClient.class);
				client.awaitConnected(TIMEOUT);
				assertThat(client.request("question").toCompletableFuture().get(5, TimeUnit.SECONDS))
					.isEqualTo("question");
			});
	}

	@Test
	void aClientIsInjectableByItsName() {
		this.contextRunner.withUserConfiguration(ClientConsumer.class)
			.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1",
					"socket.clients.billing.endpoints=127.0.0.1:2")
			.run((context) -> {
				assertThat(context.getBean(ClientConsumer.class).client.name()).isEqualTo("billing");
				assertThat(context).getBeanNames(SocketClient.class)
					.containsExactlyInAnyOrder("ordersSocketClient", "billingSocketClient");
			});
	}

	@Test
	void clientsStopWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1").run((context) -> {
			SocketClient client = context.getBean(SocketClient.class);
			await().atMost(TIMEOUT).until(() -> client.state() != ClientState.NEW);
			context.close();
			assertThat(client.state()).isEqualTo(ClientState.CLOSED);
		});
	}

	@Test
	void backsOffForAClientOfTheApplication() {
		this.contextRunner.withUserConfiguration(OwnClientConfiguration.class)
			.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1")
			.run((context) -> assertThat(context).getBeanNames(SocketClient.class).containsExactly("ownClient"));
	}

	@Test
	void aDisabledClientIsNotCreated() {
		this.contextRunner
			.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1", "socket.clients.orders.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketClient.class));
	}

	@Test
	void nothingWithoutTheClientClasses() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(NettySocketClient.class))
			.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketClientLifecycle.class));
	}

	@Test
	void badPropertiesFailNamingTheProperty() {
		assertFailsNaming("socket.clients.orders.endpoints", "socket.clients.orders.codec=line");
		assertFailsNaming("socket.clients.orders.endpoints", "socket.clients.orders.endpoints=no-port");
		assertFailsNaming("socket.clients.orders.endpoints", "socket.clients.orders.endpoints=::1:7000");
		assertFailsNaming("socket.clients.orders.handler", "socket.clients.orders.endpoints=127.0.0.1:1",
				"socket.clients.orders.handler=missing");
		assertFailsNaming("socket.clients.orders.codec", "socket.clients.orders.endpoints=127.0.0.1:1",
				"socket.clients.orders.codec=morse");
		assertFailsNaming("socket.clients.orders.reconnect.max-delay", "socket.clients.orders.endpoints=127.0.0.1:1",
				"socket.clients.orders.reconnect.initial-delay=10s", "socket.clients.orders.reconnect.max-delay=1s");
		assertFailsNaming("socket.clients.orders.ssl.bundle", "socket.clients.orders.endpoints=127.0.0.1:1",
				"socket.clients.orders.ssl.bundle=missing");
		this.contextRunner.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1",
				"socket.clients.orders.reconnect.jitter=2")
			.run((context) -> assertThat(context).hasFailed());
	}

	private void assertFailsNaming(String property, String... properties) {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues(properties)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property));
	}

	@Test
	void tlsTrustsTheBundleAndVerifiesTheServerName() throws Exception {
		X509Bundle ca = build(new CertificateBuilder().subject("CN=Client Test CA")
			.setIsCertificateAuthority(true)
			.setKeyUsage(true, CertificateBuilder.KeyUsage.keyCertSign), null);
		X509Bundle server = build(new CertificateBuilder().subject("CN=localhost")
			.addSanDnsName("localhost")
			.addSanIpAddress("127.0.0.1")
			.addExtendedKeyUsageServerAuth(), ca);
		Files.writeString(this.dir.resolve("server.key"), server.getPrivateKeyPEM());
		Files.writeString(this.dir.resolve("server.crt"), server.getCertificatePathPEM());
		Files.writeString(this.dir.resolve("ca.pem"), ca.getCertificatePEM());
		int port = freePort();
		ApplicationContextRunner tls = this.contextRunner
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues(
					"spring.ssl.bundle.pem.server.keystore.certificate=file:" + this.dir.resolve("server.crt"),
					"spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.dir.resolve("server.key"),
					"spring.ssl.bundle.pem.trust.truststore.certificate=file:" + this.dir.resolve("ca.pem"),
					"socket.servers.secure.port=" + port, "socket.servers.secure.handler=lineEcho",
					"socket.servers.secure.ssl.bundle=server", "socket.clients.secure.endpoints=127.0.0.1:" + port,
					"socket.clients.secure.ssl.bundle=trust", "socket.clients.secure.handler=replies",
					"socket.clients.secure.reconnect.initial-delay=10ms",
					"socket.clients.secure.reconnect.max-delay=50ms");
		tls.run((context) -> {
			SocketClient client = context.getBean(SocketClient.class);
			assertThat(client.config().clientSsl().verifyHostname()).isTrue();
			assertThat(client.awaitConnected(TIMEOUT).sslSession()).isNotNull();
			client.send("private");
			assertThat(context.getBean(Replies.class).lines.poll(5, TimeUnit.SECONDS)).isEqualTo("private");
		});
		tls.withPropertyValues("socket.clients.secure.ssl.server-name=orders.example").run((context) -> {
			SocketClient client = context.getBean(SocketClient.class);
			await().atMost(TIMEOUT).until(() -> client.connectFailures() >= 2);
			assertThat(client.state()).isNotEqualTo(ClientState.CONNECTED);
		});
		tls.withPropertyValues("socket.clients.secure.ssl.server-name=orders.example",
				"socket.clients.secure.ssl.verify-hostname=false")
			.run((context) -> assertThat(context.getBean(SocketClient.class).awaitConnected(TIMEOUT)).isNotNull());
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
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

	/**
	 * What a client's handler received.
	 */
	static final class Replies implements SocketHandler<String> {

		final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		@Override
		public void onMessage(Connection connection, String line) {
			this.lines.add(line);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlersConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, line) -> connection.offer(line);
		}

		@Bean
		Replies replies() {
			return new Replies();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CorrelationConfiguration {

		@Bean
		SocketClientCustomizer inOrderRequests() {
			return (builder) -> builder.correlation(Correlation.inOrder());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientConfiguration {

		@Bean
		SocketClient ownClient(EventLoops eventLoops) {
			return new NettySocketClient(SocketClientConfig.builder("own")
				.endpoint("127.0.0.1", 1)
				.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.build(), eventLoops);
		}

	}

	static class ClientConsumer {

		final SocketClient client;

		ClientConsumer(@Qualifier("billing") SocketClient client) {
			this.client = client;
		}

	}

}
