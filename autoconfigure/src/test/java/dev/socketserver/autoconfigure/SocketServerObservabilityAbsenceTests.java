package dev.socketserver.autoconfigure;

import dev.socketserver.autoconfigure.endpoint.SocketServersEndpoint;
import dev.socketserver.autoconfigure.endpoint.SocketServersEndpointAutoConfiguration;
import dev.socketserver.autoconfigure.health.SocketServerHealthContributorAutoConfiguration;
import dev.socketserver.autoconfigure.info.SocketServersInfoContributor;
import dev.socketserver.autoconfigure.info.SocketServersInfoContributorAutoConfiguration;
import dev.socketserver.autoconfigure.metrics.SocketServerMetricsAutoConfiguration;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.metrics.SocketServerMetrics;
import dev.socketserver.metrics.SocketServerNettyMetrics;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every observability auto-configuration together, with Boot's own, when Actuator or Micrometer is missing: the
 * servers run, and what needs the missing library is not registered.
 */
class SocketServerObservabilityAbsenceTests {

	private static final String[] ACTUATOR = { "org.springframework.boot.actuate", "org.springframework.boot.health" };

	private static final String MICROMETER = "io.micrometer";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(ObservabilityConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.servers.echo.port=0",
				"management.endpoints.web.exposure.include=*");

	@Test
	void everythingIsRegisteredWhenBothArePresent() {
		this.contextRunner.run((context) -> {
			assertServersRun(context);
			assertActuatorParts(context, true);
			assertMetrics(context, true);
		});
	}

	@Test
	void onlyMetricsWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ACTUATOR)).run((context) -> {
			assertServersRun(context);
			assertActuatorParts(context, false);
			assertMetrics(context, true);
		});
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MICROMETER)).run((context) -> {
			assertServersRun(context);
			assertActuatorParts(context, true);
			assertMetrics(context, false);
		});
	}

	@Test
	void nothingWithoutEither() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ACTUATOR[0], ACTUATOR[1], MICROMETER))
			.run((context) -> {
				assertServersRun(context);
				assertActuatorParts(context, false);
				assertMetrics(context, false);
			});
	}

	private static void assertServersRun(AssertableApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		try (LineClient client = LineClient.connect(context.getBean(SocketServer.class).port())) {
			assertThat(client.exchange("still serving")).isEqualTo("still serving");
		}
	}

	private static void assertActuatorParts(AssertableApplicationContext context, boolean present) {
		assertThat(context.containsBean("socketServersHealthContributor")).isEqualTo(present);
		assertThat(context.getBeanNamesForType(SocketServersEndpoint.class)).hasSize(present ? 1 : 0);
		assertThat(context.getBeanNamesForType(SocketServersInfoContributor.class)).hasSize(present ? 1 : 0);
	}

	private static void assertMetrics(AssertableApplicationContext context, boolean present) {
		assertThat(context.getBeanNamesForType(SocketServerMetrics.class)).hasSize(present ? 1 : 0);
		assertThat(context.getBeanNamesForType(SocketServerNettyMetrics.class)).hasSize(present ? 1 : 0);
		assertThat(context.getBean(SocketServer.class).config().handlerTimer() != null).isEqualTo(present);
	}

	/**
	 * Imports the auto-configurations as an application does, so that those whose classes are missing are
	 * filtered out before their conditions are even loaded.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SocketServerAutoConfiguration.class,
			SocketServerHealthContributorAutoConfiguration.class, SocketServerMetricsAutoConfiguration.class,
			SocketServersEndpointAutoConfiguration.class, SocketServersInfoContributorAutoConfiguration.class,
			MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class })
	static class ObservabilityConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, line) -> connection.offer(line);
		}

	}

}
