package dev.socketserver.cluster;

import java.util.Map;

import dev.socketserver.cluster.ClusterTestNodes.Node;
import dev.socketserver.cluster.autoconfigure.info.ClusterInfoContributor;
import dev.socketserver.cluster.autoconfigure.info.ClusterInfoContributorAutoConfiguration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code cluster} entry of {@code /actuator/info}, from two nodes on a real Redis.
 */
class ClusterInfoContributorTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@Test
	void describesThisNodeAndTheLiveNodes() {
		try (ClusterTestNodes cluster = new ClusterTestNodes(redis.server())) {
			Node a = cluster.start("a", InfoConfiguration.class, "socket.cluster.delivery.servers.chat=at-least-once");
			Node b = cluster.start("b", InfoConfiguration.class);
			ClusterInfoContributor contributor = a.context().getBean(ClusterInfoContributor.class);
			await().until(() -> cluster(contributor).get("liveNodeCount").equals(2));
			Map<String, Object> info = cluster(contributor);
			assertThat(info).containsEntry("nodeId", "a").containsEntry("available", true)
				.containsEntry("delivery",
						Map.of("mode", "at-most-once", "servers", Map.of("chat", "at-least-once"), "offline", false));
			assertThat(info.get("liveNodes")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactlyInAnyOrder("a", "b");
			assertThat(b.context().getBeansOfType(ClusterInfoContributor.class)).hasSize(1);
		}
	}

	@Test
	void isLeftOutWithoutACluster() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ClusterInfoContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClusterInfoContributor.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cluster(ClusterInfoContributor contributor) {
		Info.Builder builder = new Info.Builder();
		contributor.contribute(builder);
		return (Map<String, Object>) builder.build().getDetails().get("cluster");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ClusterInfoContributorAutoConfiguration.class)
	static class InfoConfiguration {

	}

}
