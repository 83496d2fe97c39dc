package dev.socketserver.autoconfigure.metrics;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.metrics.SocketServerMetrics;
import dev.socketserver.metrics.SocketServerNettyMetrics;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.transport.EventLoops;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of Micrometer metrics for socket servers: the server meters, the
 * shared event loop and allocator meters, and handler timing for the servers built from properties.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, NettySocketServer.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
public final class SocketServerMetricsAutoConfiguration {

	SocketServerMetricsAutoConfiguration() {
	}

	@Bean
	SocketServerMetricsCustomizer socketServerMetricsCustomizer(ObjectProvider<MeterFilter> meterFilters) {
		return new SocketServerMetricsCustomizer(meterFilters);
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServerMetrics socketServerMetrics(ObjectProvider<SocketServer> servers) {
		return new SocketServerMetrics(servers);
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServerNettyMetrics socketServerNettyMetrics(ObjectProvider<EventLoops> eventLoops,
			ObjectProvider<SocketServer> servers) {
		return new SocketServerNettyMetrics(eventLoops, servers);
	}

}
