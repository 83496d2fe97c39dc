package dev.socketserver.cluster.autoconfigure.metrics;

import dev.socketserver.cluster.ClusterNode;
import dev.socketserver.cluster.ClusterStats;
import dev.socketserver.cluster.autoconfigure.ClusterAutoConfiguration;
import dev.socketserver.cluster.metrics.ClusterMetrics;
import dev.socketserver.server.SocketServers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the cluster meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, ClusterNode.class })
@ConditionalOnBean({ MeterRegistry.class, ClusterNode.class })
public final class ClusterMetricsAutoConfiguration {

	ClusterMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterMetrics clusterMetrics(ClusterNode clusterNode, ClusterStats clusterStats, SocketServers socketServers) {
		return new ClusterMetrics(clusterNode, clusterStats, socketServers.names());
	}

}
