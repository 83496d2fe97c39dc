package dev.socketserver.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.request.Correlation;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code requests} properties of servers: built-in correlations, a correlation bean, and a request answered
 * over a real socket.
 */
class SocketServerRequestsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class))
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.servers.devices.port=0", "socket.servers.devices.codec=line")
		.withUserConfiguration(DeviceHandlerConfiguration.class);

	@Test
	void serversSendNoRequestsUnlessACorrelationIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SocketServer.class).config().requests())
			.isNull());
	}

	@Test
	void aBuiltInCorrelationIsConfiguredWithItsLimitAndTimeout() {
		this.contextRunner
			.withPropertyValues("socket.servers.devices.requests.correlation=binary-sequence",
					"socket.servers.devices.requests.request-offset=2",
					"socket.servers.devices.requests.reply-offset=6", "socket.servers.devices.requests.length=4",
					"socket.servers.devices.requests.max-in-flight=16", "socket.servers.devices.requests.timeout=3")
			.run((context) -> {
				RequestPolicy requests = context.getBean(SocketServer.class).config().requests();
				assertThat(requests).isNotNull();
				assertThat(requests.correlation()).hasToString(
						"binary sequence of 4 bytes at 2 (requests) and 6 (replies)");
				assertThat(requests.maxInFlight()).isEqualTo(16);
				assertThat(requests.defaultTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void aCorrelationBeanIsUsedByName() {
		this.contextRunner.withUserConfiguration(CorrelationConfiguration.class)
			.withPropertyValues("socket.defaults.requests.correlation=everyLine")
			.run((context) -> assertThat(context.getBean(SocketServer.class).config().requests().correlation())
				.isSameAs(context.getBean("everyLine")));
	}

	@Test
	void anUnknownCorrelationFailsStartup() {
		this.contextRunner.withPropertyValues("socket.servers.devices.requests.correlation=telepathy")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.devices.requests.correlation")
				.hasMessageContaining("Unknown correlation"));
	}

	@Test
	void aConfiguredServerRequestsAndMatchesTheReply() {
		this.contextRunner.withPropertyValues("socket.servers.devices.requests.correlation=in-order")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				try (LineClient device = LineClient.connect(server.port())) {
					Connection connection = context.getBean(DeviceHandlerConfiguration.class).opened.get(5,
							TimeUnit.SECONDS);
					CompletableFuture<Object> reply = connection.request("STATUS?").toCompletableFuture();
					assertThat(device.read()).isEqualTo("STATUS?");
					device.send("STATUS ok");
					assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("STATUS ok");
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class DeviceHandlerConfiguration {

		final CompletableFuture<Connection> opened = new CompletableFuture<>();

		@Bean
		SocketHandler<String> devices() {
			return new SocketHandler<>() {

				@Override
				public void onOpen(Connection connection) {
					DeviceHandlerConfiguration.this.opened.complete(connection);
				}

				@Override
				public void onMessage(Connection connection, String message) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CorrelationConfiguration {

		@Bean
		Correlation<Object> everyLine() {
			return Correlation.inOrder();
		}

	}

}
