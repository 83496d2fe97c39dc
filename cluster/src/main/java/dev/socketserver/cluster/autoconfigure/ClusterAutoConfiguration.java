package dev.socketserver.cluster.autoconfigure;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.autoconfigure.endpoint.RemoteConnections;
import dev.socketserver.cluster.ClusterAdmin;
import dev.socketserver.cluster.ClusterDelivery;
import dev.socketserver.cluster.ClusterMessageCodec;
import dev.socketserver.cluster.ClusterMessageRouter;
import dev.socketserver.cluster.ClusterNode;
import dev.socketserver.cluster.ClusterPresence;
import dev.socketserver.cluster.ClusterRegistryListener;
import dev.socketserver.cluster.ClusterSettings;
import dev.socketserver.cluster.ClusterStats;
import dev.socketserver.server.SocketServers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link AutoConfiguration Auto-configuration} of a socket server cluster on Redis: when
 * {@code socket.cluster.enabled=true} and a {@link RedisConnectionFactory} exists (Boot's, from
 * {@code spring.data.redis.*}), this node, its registry, its {@link ClusterPresence} and the
 * {@link ClusterMessageRouter}, which replaces the local {@code MessageRouter}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = SocketServerAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ ClusterMessageRouter.class, RedisConnectionFactory.class })
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("socket.cluster.enabled")
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(ClusterProperties.class)
public final class ClusterAutoConfiguration {

	ClusterAutoConfiguration() {
	}

	@Bean
	ClusterRegistryListener clusterRegistryListener() {
		return new ClusterRegistryListener();
	}

	@Bean
	ClusterStats clusterStats() {
		return new ClusterStats();
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterSettings clusterSettings(ClusterProperties properties) {
		String nodeId = properties.getNodeId();
		return ClusterSettings.builder((nodeId != null) ? nodeId : defaultNodeId())
			.keyPrefix(properties.getKeyPrefix())
			.heartbeatInterval(properties.getHeartbeatInterval())
			.nodeTtl(properties.getNodeTtl())
			.probeTimeout(properties.getProbeTimeout())
			.registryFlushDelay(properties.getRegistryFlushDelay())
			.outboundQueueCapacity(properties.getOutboundQueueCapacity())
			.sendThreads(properties.getSendThreads())
			.maxMessageBytes((int) properties.getMaxMessageSize().toBytes())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterDelivery clusterDelivery(ClusterProperties properties) {
		ClusterProperties.Delivery delivery = properties.getDelivery();
		ClusterProperties.Offline offline = properties.getOffline();
		return new ClusterDelivery(delivery.getMode(), delivery.getServers(), delivery.getStreamMaxLength(),
				offline.isEnabled(), Set.copyOf(offline.getServers()), offline.getRetention(),
				offline.getMaxMessages());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterNode clusterNode(ClusterSettings settings, ClusterDelivery clusterDelivery,
			RedisConnectionFactory connectionFactory, SocketServers socketServers,
			ClusterRegistryListener clusterRegistryListener) {
		return new ClusterNode(settings, clusterDelivery, connectionFactory, socketServers, clusterRegistryListener);
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterMessageRouter clusterMessageRouter(ClusterNode clusterNode, SocketServers socketServers,
			ObjectProvider<ClusterMessageCodec> codec, ClusterStats clusterStats) {
		return new ClusterMessageRouter(clusterNode, socketServers, codec.getIfUnique(), clusterStats);
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterPresence clusterPresence(ClusterNode clusterNode, SocketServers socketServers) {
		return new ClusterPresence(clusterNode, socketServers);
	}

	@Bean
	@ConditionalOnMissingBean(RemoteConnections.class)
	ClusterAdmin clusterAdmin(ClusterMessageRouter clusterMessageRouter) {
		return clusterMessageRouter.admin();
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterLifecycle clusterLifecycle(ClusterNode clusterNode, ClusterMessageRouter clusterMessageRouter) {
		return new ClusterLifecycle(clusterNode, clusterMessageRouter);
	}

	/**
	 * A host name says where a node runs; the random part keeps two instances on one host apart.
	 */
	static String defaultNodeId() {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			host = "node";
		}
		String random = UUID.randomUUID().toString().substring(0, 8);
		return (host.replace(':', '-') + "-" + random).toLowerCase(Locale.ROOT);
	}

}
