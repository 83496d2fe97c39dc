package dev.socketserver.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.cluster.autoconfigure.ClusterAutoConfiguration;
import dev.socketserver.cluster.autoconfigure.health.ClusterHealthContributorAutoConfiguration;
import dev.socketserver.cluster.autoconfigure.health.ClusterHealthIndicator;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.routing.MessageRouter;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;
import dev.socketserver.test.client.SocketTestClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cluster nodes for tests: each an application context of its own in this JVM, with a line server {@code chat}
 * on a free port and the cluster on the given {@link RedisServer}, under a key prefix of its own so that tests
 * sharing a Redis do not see each other. Timing is short (heartbeat 200ms, time to live 2s, probe timeout 1.5s)
 * but not so short that a loaded machine makes a live node look dead. Closing stops every node and client.
 */
final class ClusterTestNodes implements AutoCloseable {

	static final String SERVER = "chat";

	private final RedisServer redis;

	private final String prefix = "test-" + UUID.randomUUID() + ":";

	private final List<Node> nodes = new ArrayList<>();

	ClusterTestNodes(RedisServer redis) {
		this.redis = redis;
	}

	String prefix() {
		return this.prefix;
	}

	Node start(String id, String... properties) {
		return start(id, NodeConfiguration.class, properties);
	}

	Node start(String id, Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + this.redis.port(), "spring.data.redis.timeout=1s",
				"socket.cluster.enabled=true", "socket.cluster.node-id=" + id,
				"socket.cluster.key-prefix=" + this.prefix,
				"socket.cluster.heartbeat-interval=200ms", "socket.cluster.node-ttl=2s",
				"socket.cluster.probe-timeout=1500ms", "socket.servers.chat.port=0",
				"socket.servers.chat.address=127.0.0.1", "socket.servers.chat.codec=line",
				"socket.servers.chat.handler=chatHandler", "socket.servers.chat.requests.correlation=in-order",
				"spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NodeConfiguration.class, configuration)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		Node node = new Node(context);
		this.nodes.add(node);
		return node;
	}

	@Override
	public void close() {
		for (Node node : this.nodes) {
			node.close();
		}
		this.nodes.clear();
	}

	/**
	 * One node: its context, its {@code chat} server, its cluster beans and the test clients connected to it.
	 */
	static final class Node implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final List<SocketTestClient> clients = new ArrayList<>();

		Node(ConfigurableApplicationContext context) {
			this.context = context;
		}

		ConfigurableApplicationContext context() {
			return this.context;
		}

		SocketServer server() {
			return this.context.getBean(SocketServers.class).get(SERVER);
		}

		MessageRouter router() {
			return this.context.getBean(MessageRouter.class);
		}

		ClusterPresence presence() {
			return this.context.getBean(ClusterPresence.class);
		}

		ClusterNode node() {
			return this.context.getBean(ClusterNode.class);
		}

		ClusterStats.ServerStats stats() {
			return this.context.getBean(ClusterStats.class).server(SERVER);
		}

		Status health() {
			return this.context.getBean(ClusterHealthIndicator.class).health(true).getStatus();
		}

		/**
		 * Connects a client bound to an identity (unless {@code null}) and joined to groups.
		 */
		SocketTestClient connect(String identity, String... groups) {
			SocketTestClient client = SocketTestClient.connect(server());
			this.clients.add(client);
			Connection connection = client.serverConnection();
			if (identity != null) {
				connection.bindIdentity(identity);
			}
			for (String group : groups) {
				connection.join(group);
			}
			return client;
		}

		/**
		 * Stops the node as a crash would: heartbeats and deliveries stop, nothing is removed from Redis.
		 */
		void crash() {
			node().halt();
		}

		@Override
		public void close() {
			this.clients.forEach(SocketTestClient::close);
			this.clients.clear();
			this.context.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, SocketServerAutoConfiguration.class,
			ClusterAutoConfiguration.class, ClusterHealthContributorAutoConfiguration.class })
	static class NodeConfiguration {

		@Bean
		SocketHandler<String> chatHandler() {
			return (connection, line) -> {
				// The clients only listen; what they send in the tests are replies to requests.
			};
		}

	}

}
