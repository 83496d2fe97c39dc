package dev.socketserver.cluster.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.socketserver.cluster.ClusterDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of a socket server cluster on Redis. The Redis connection itself is Boot's
 * {@code spring.data.redis.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socket.cluster")
public class ClusterProperties {

	/**
	 * Whether this application is a node of a cluster on Redis.
	 */
	private boolean enabled = false;

	/**
	 * Id of this node, unique in the cluster; a random id with the host name when unset.
	 */
	private @Nullable String nodeId;

	/**
	 * Prefix of every Redis key and channel of the cluster, so that several clusters can share one Redis.
	 */
	private String keyPrefix = "socket:cluster:";

	/**
	 * How often the node refreshes its heartbeat, probes its channel and looks for dead nodes. If a duration
	 * suffix is not specified, milliseconds will be used.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration heartbeatInterval = Duration.ofSeconds(1);

	/**
	 * Time to live of the node's heartbeat key: a node not heard of for this long is dead and its registry
	 * entries are removed. If a duration suffix is not specified, milliseconds will be used.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration nodeTtl = Duration.ofSeconds(5);

	/**
	 * How long the node waits for its probe to come back through its own channel before it reports the cluster
	 * down and fails sends to other nodes. If a duration suffix is not specified, milliseconds will be used.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration probeTimeout = Duration.ofSeconds(3);

	/**
	 * How long registry changes are collected before they are written to Redis in one pipeline. If a duration
	 * suffix is not specified, milliseconds will be used.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration registryFlushDelay = Duration.ofMillis(10);

	/**
	 * Most sends waiting for Redis, queued for a send thread or pipelined and not yet answered; beyond it, sends to
	 * other nodes fail at once.
	 */
	private int outboundQueueCapacity = 10000;

	/**
	 * Number of threads that take sends and requests to Redis.
	 */
	private int sendThreads = 2;

	/**
	 * Largest encoded message carried to other nodes; the part of a larger send for other nodes fails at once and
	 * is counted. Redis holds every message in its pub/sub buffers or a stream, so keep it well below its
	 * 'client-output-buffer-limit pubsub'.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(1);

	private final Delivery delivery = new Delivery();

	private final Offline offline = new Offline();

	public Delivery getDelivery() {
		return this.delivery;
	}

	public Offline getOffline() {
		return this.offline;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		Assert.isTrue(nodeId == null || (!nodeId.isBlank() && !nodeId.contains(":")),
				"'nodeId' must not be blank nor contain ':'");
		this.nodeId = nodeId;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		Assert.isTrue(!heartbeatInterval.isNegative() && !heartbeatInterval.isZero(),
				"'heartbeatInterval' must be positive");
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getNodeTtl() {
		return this.nodeTtl;
	}

	public void setNodeTtl(Duration nodeTtl) {
		Assert.isTrue(!nodeTtl.isNegative() && !nodeTtl.isZero(), "'nodeTtl' must be positive");
		this.nodeTtl = nodeTtl;
	}

	public Duration getProbeTimeout() {
		return this.probeTimeout;
	}

	public void setProbeTimeout(Duration probeTimeout) {
		Assert.isTrue(!probeTimeout.isNegative() && !probeTimeout.isZero(), "'probeTimeout' must be positive");
		this.probeTimeout = probeTimeout;
	}

	public Duration getRegistryFlushDelay() {
		return this.registryFlushDelay;
	}

	public void setRegistryFlushDelay(Duration registryFlushDelay) {
		Assert.isTrue(!registryFlushDelay.isNegative() && !registryFlushDelay.isZero(),
				"'registryFlushDelay' must be positive");
		this.registryFlushDelay = registryFlushDelay;
	}

	public int getOutboundQueueCapacity() {
		return this.outboundQueueCapacity;
	}

	public void setOutboundQueueCapacity(int outboundQueueCapacity) {
		Assert.isTrue(outboundQueueCapacity > 0, "'outboundQueueCapacity' must be positive");
		this.outboundQueueCapacity = outboundQueueCapacity;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		Assert.isTrue(maxMessageSize.toBytes() > 0 && maxMessageSize.toBytes() <= Integer.MAX_VALUE,
				"'maxMessageSize' must be positive and at most 2GB");
		this.maxMessageSize = maxMessageSize;
	}

	public int getSendThreads() {
		return this.sendThreads;
	}

	public void setSendThreads(int sendThreads) {
		Assert.isTrue(sendThreads > 0, "'sendThreads' must be positive");
		this.sendThreads = sendThreads;
	}

	/**
	 * What the cluster guarantees for the messages sent to other nodes.
	 */
	public static class Delivery {

		/**
		 * Delivery mode of servers without one of their own: at-most-once (pub/sub) or at-least-once (a Redis
		 * Stream per node, acknowledged after delivery, duplicates dropped by message id).
		 */
		private ClusterDelivery.Mode mode = ClusterDelivery.Mode.AT_MOST_ONCE;

		/**
		 * Delivery mode per server name, overriding the default mode.
		 */
		private Map<String, ClusterDelivery.Mode> servers = new LinkedHashMap<>();

		/**
		 * Approximate most entries each node's stream keeps (XADD MAXLEN ~); older entries are dropped, read or
		 * not.
		 */
		private long streamMaxLength = 100000;

		public ClusterDelivery.Mode getMode() {
			return this.mode;
		}

		public void setMode(ClusterDelivery.Mode mode) {
			this.mode = mode;
		}

		public Map<String, ClusterDelivery.Mode> getServers() {
			return this.servers;
		}

		public void setServers(Map<String, ClusterDelivery.Mode> servers) {
			this.servers = servers;
		}

		public long getStreamMaxLength() {
			return this.streamMaxLength;
		}

		public void setStreamMaxLength(long streamMaxLength) {
			Assert.isTrue(streamMaxLength > 0, "'streamMaxLength' must be positive");
			this.streamMaxLength = streamMaxLength;
		}

	}

	/**
	 * Storing of messages sent to identities that no node has, until they bind.
	 */
	public static class Offline {

		/**
		 * Whether a send to an identity that no node has is stored in Redis and delivered when the identity binds
		 * on any node.
		 */
		private boolean enabled = false;

		/**
		 * Names of the servers whose messages are stored; all servers when empty.
		 */
		private List<String> servers = new ArrayList<>();

		/**
		 * How long the stored messages of an identity live after the last one was stored. If a duration suffix is
		 * not specified, milliseconds will be used.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration retention = Duration.ofHours(1);

		/**
		 * Most messages stored per identity; storing one more drops the oldest.
		 */
		private int maxMessages = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getServers() {
			return this.servers;
		}

		public void setServers(List<String> servers) {
			this.servers = servers;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			Assert.isTrue(!retention.isNegative() && !retention.isZero(), "'retention' must be positive");
			this.retention = retention;
		}

		public int getMaxMessages() {
			return this.maxMessages;
		}

		public void setMaxMessages(int maxMessages) {
			Assert.isTrue(maxMessages > 0, "'maxMessages' must be positive");
			this.maxMessages = maxMessages;
		}

	}

}
