package dev.socketserver.cluster.autoconfigure.health;

import dev.socketserver.cluster.ClusterNode;
import dev.socketserver.cluster.autoconfigure.ClusterAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@code cluster} health contributor.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, ClusterNode.class })
@ConditionalOnBean(ClusterNode.class)
@ConditionalOnEnabledHealthIndicator("cluster")
public final class ClusterHealthContributorAutoConfiguration {

	ClusterHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "clusterHealthIndicator")
	ClusterHealthIndicator clusterHealthIndicator(ClusterNode clusterNode) {
		return new ClusterHealthIndicator(clusterNode);
	}

}
