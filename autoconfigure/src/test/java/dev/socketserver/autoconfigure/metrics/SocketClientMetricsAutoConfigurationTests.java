package dev.socketserver.autoconfigure.metrics;

import dev.socketserver.autoconfigure.SocketClientAutoConfiguration;
import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.metrics.SocketClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client meters bound to Boot's registry for every client of the properties, tagged with its name.
 */
class SocketClientMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				SocketServerAutoConfiguration.class, SocketClientAutoConfiguration.class,
				SocketClientMetricsAutoConfiguration.class))
		.withPropertyValues("socket.worker-threads=1", "socket.clients.orders.endpoints=127.0.0.1:1");

	@Test
	void bindsTheMetersOfEachClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketClientMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
			assertThat(registry.get("socket.client.state").tag("client", "orders").gauge().value()).isZero();
			assertThat(registry.get("socket.client.reconnects").tag("client", "orders").functionCounter())
				.isNotNull();
		});
	}

	@Test
	void absentWithoutClients() {
		this.contextRunner.withPropertyValues("socket.clients.orders.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketClientMetrics.class));
	}

	@Test
	void absentWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("socketClientMetrics"));
	}

}
