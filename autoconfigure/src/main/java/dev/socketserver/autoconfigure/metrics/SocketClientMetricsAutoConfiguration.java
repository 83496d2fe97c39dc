package dev.socketserver.autoconfigure.metrics;

import dev.socketserver.autoconfigure.SocketClientAutoConfiguration;
import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.SocketClient;
import dev.socketserver.metrics.SocketClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of Micrometer metrics for socket clients: the client meters of
 * every {@link SocketClient} bean, tagged with its name.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketClientAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, NettySocketClient.class })
@ConditionalOnBean({ MeterRegistry.class, SocketClient.class })
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
public final class SocketClientMetricsAutoConfiguration {

	SocketClientMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SocketClientMetrics socketClientMetrics(ObjectProvider<SocketClient> clients) {
		return new SocketClientMetrics(clients);
	}

}
