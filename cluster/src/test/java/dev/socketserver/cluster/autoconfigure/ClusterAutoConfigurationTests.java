package dev.socketserver.cluster.autoconfigure;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.cluster.ClusterMessageRouter;
import dev.socketserver.cluster.ClusterNode;
import dev.socketserver.cluster.ClusterPresence;
import dev.socketserver.cluster.RedisServerExtension;
import dev.socketserver.cluster.autoconfigure.health.ClusterHealthContributorAutoConfiguration;
import dev.socketserver.cluster.autoconfigure.health.ClusterHealthIndicator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.routing.LocalMessageRouter;
import dev.socketserver.routing.MessageRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterAutoConfigurationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				SocketServerAutoConfiguration.class, ClusterAutoConfiguration.class,
				ClusterHealthContributorAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("socket.servers.chat.port=0", "socket.servers.chat.address=127.0.0.1",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.timeout=1s");

	private ApplicationContextRunner withRedis() {
		return this.contextRunner.withPropertyValues("spring.data.redis.port=" + redis.server().port());
	}

	@Test
	void clusterRouterReplacesTheLocalRouterWhenEnabledWithRedis() {
		withRedis().withPropertyValues("socket.cluster.enabled=true", "socket.cluster.node-id=n1").run((context) -> {
			assertThat(context).hasSingleBean(MessageRouter.class);
			assertThat(context.getBean(MessageRouter.class)).isInstanceOf(ClusterMessageRouter.class);
			assertThat(context).hasSingleBean(ClusterPresence.class);
			assertThat(context.getBean(ClusterNode.class).id()).isEqualTo("n1");
			assertThat(context.getBean(ClusterNode.class).isAvailable()).isTrue();
			assertThat(context.getBean(ClusterHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void nodeIdDefaultsToARandomIdWithTheHostName() {
		withRedis().withPropertyValues("socket.cluster.enabled=true").run((context) -> {
			String id = context.getBean(ClusterNode.class).id();
			assertThat(id).doesNotContain(":").matches(".+-[0-9a-f]{8}");
		});
	}

	@Test
	void localRouterStaysWhenTheClusterIsNotEnabled() {
		withRedis().run((context) -> {
			assertThat(context.getBean(MessageRouter.class)).isInstanceOf(LocalMessageRouter.class);
			assertThat(context).doesNotHaveBean(ClusterNode.class);
		});
	}

	@Test
	void localRouterStaysWithoutARedisConnectionFactory() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
					ClusterAutoConfiguration.class, ClusterHealthContributorAutoConfiguration.class))
			.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("socket.servers.chat.port=0", "socket.cluster.enabled=true")
			.run((context) -> {
				assertThat(context.getBean(MessageRouter.class)).isInstanceOf(LocalMessageRouter.class);
				assertThat(context).doesNotHaveBean(ClusterNode.class).doesNotHaveBean(ClusterHealthIndicator.class);
			});
	}

	@Test
	void backsOffWithoutSpringDataRedisOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.withPropertyValues("socket.cluster.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MessageRouter.class)).isInstanceOf(LocalMessageRouter.class);
			});
	}

	@Test
	void healthContributorCanBeSwitchedOff() {
		withRedis().withPropertyValues("socket.cluster.enabled=true", "management.health.cluster.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ClusterNode.class)
				.doesNotHaveBean(ClusterHealthIndicator.class));
	}

	@Test
	void aBadPropertyFailsNamingIt() {
		withRedis().withPropertyValues("socket.cluster.enabled=true", "socket.cluster.send-threads=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sendThreads"));
	}

	@Test
	void aTimeToLiveShorterThanTwoHeartbeatsFails() {
		withRedis()
			.withPropertyValues("socket.cluster.enabled=true", "socket.cluster.heartbeat-interval=1s",
					"socket.cluster.node-ttl=1500ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("nodeTtl"));
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		SocketHandler<String> chatHandler() {
			return (connection, line) -> {
			};
		}

	}

}
