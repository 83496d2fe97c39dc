package dev.socketserver.cluster.autoconfigure.info;

import dev.socketserver.cluster.ClusterNode;
import dev.socketserver.cluster.autoconfigure.ClusterAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@code cluster} entry of {@code /actuator/info}; off with
 * {@code management.info.cluster.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClass({ InfoContributor.class, ConditionalOnEnabledInfoContributor.class, ClusterNode.class })
@ConditionalOnBean(ClusterNode.class)
@ConditionalOnEnabledInfoContributor("cluster")
public final class ClusterInfoContributorAutoConfiguration {

	ClusterInfoContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "clusterInfoContributor")
	ClusterInfoContributor clusterInfoContributor(ClusterNode clusterNode) {
		return new ClusterInfoContributor(clusterNode);
	}

}
