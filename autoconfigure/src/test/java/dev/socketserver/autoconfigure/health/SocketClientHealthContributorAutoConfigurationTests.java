package dev.socketserver.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import dev.socketserver.autoconfigure.SocketClientAutoConfiguration;
import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.client.ClientState;
import dev.socketserver.client.SocketClient;
import dev.socketserver.connection.SocketHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code socketClients} health contributor: one indicator per client, UP while connected to a server of the
 * same context, DOWN while it backs off from a port where nothing listens.
 */
class SocketClientHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
				SocketClientAutoConfiguration.class, SocketClientHealthContributorAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1");

	@Test
	void oneIndicatorPerClientUpWhenConnectedDownWhenBackingOff() throws Exception {
		int port = freePort();
		this.contextRunner
			.withPropertyValues("socket.servers.echo.port=" + port, "socket.clients.up.endpoints=127.0.0.1:" + port,
					"socket.clients.down.endpoints=127.0.0.1:" + freePort())
			.run((context) -> {
				assertThat(context).hasBean("socketClientsHealthContributor");
				CompositeHealthContributor contributor = context.getBean("socketClientsHealthContributor",
						CompositeHealthContributor.class);
				assertThat(contributor.stream().map(HealthContributors.Entry::name))
					.containsExactlyInAnyOrder("up", "down");
				SocketClient up = context.getBean("upSocketClient", SocketClient.class);
				up.awaitConnected(Duration.ofSeconds(5));
				Health upHealth = ((HealthIndicator) contributor.getContributor("up")).health();
				assertThat(upHealth.getStatus()).isEqualTo(Status.UP);
				assertThat(upHealth.getDetails()).containsEntry("state", ClientState.CONNECTED)
					.containsEntry("endpoint", "127.0.0.1:" + port)
					.containsEntry("reconnects", 0L)
					.containsEntry("connections", 1);
				SocketClient down = context.getBean("downSocketClient", SocketClient.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> down.connectFailures() > 0);
				Health downHealth = ((HealthIndicator) contributor.getContributor("down")).health();
				assertThat(downHealth.getStatus()).isEqualTo(Status.DOWN);
				assertThat(downHealth.getDetails()).containsKeys("state", "endpoint", "reconnects", "lastBackoff");
			});
	}

	@Test
	void offWhenDisabledByProperty() {
		this.contextRunner
			.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1",
					"management.health.socketclients.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("socketClientsHealthContributor"));
	}

	@Test
	void absentWithoutClients() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("socketClientsHealthContributor"));
	}

	@Test
	void absentWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("socketClientsHealthContributor"));
	}

	@Test
	void backsOffWhenTheUserDefinesTheContributor() {
		this.contextRunner.withUserConfiguration(UserContributorConfiguration.class)
			.withPropertyValues("socket.clients.orders.endpoints=127.0.0.1:1")
			.run((context) -> assertThat(context).getBean("socketClientsHealthContributor")
				.isInstanceOf(HealthIndicator.class));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, line) -> connection.offer(line);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserContributorConfiguration {

		@Bean
		HealthIndicator socketClientsHealthContributor() {
			return () -> Health.up().build();
		}

	}

}
