package dev.socketserver.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node takes part in the cluster: its id, the Redis key prefix it shares with the other nodes, and its
 * timing and queue limits. Immutable; the defaults live in the {@link Builder}.
 *
 * @param nodeId the id of this node, unique in the cluster
 * @param keyPrefix the prefix of every key and channel the cluster uses in Redis
 * @param heartbeatInterval how often the node refreshes its heartbeat key, probes its channel and looks for dead
 * nodes
 * @param nodeTtl how long the heartbeat key lives: a node not heard of for this long is dead
 * @param probeTimeout how long the node waits for its own probe before it reports the cluster down
 * @param registryFlushDelay how long registry changes are collected before they are written in one pipeline
 * @param outboundQueueCapacity the most sends waiting to go to Redis; more fail at once
 * @param sendThreads how many threads talk to Redis for sends and requests
 * @param maxMessageBytes the most bytes an encoded message for other nodes may have; larger ones are not sent there
 * @since 0.1.0
 */
public record ClusterSettings(String nodeId, String keyPrefix, Duration heartbeatInterval, Duration nodeTtl,
		Duration probeTimeout, Duration registryFlushDelay, int outboundQueueCapacity, int sendThreads,
		int maxMessageBytes) {

	/**
	 * Checks the settings.
	 * @param nodeId the id of this node
	 * @param keyPrefix the Redis key prefix
	 * @param heartbeatInterval the heartbeat interval
	 * @param nodeTtl the heartbeat key's time to live
	 * @param probeTimeout the probe timeout
	 * @param registryFlushDelay the registry flush delay
	 * @param outboundQueueCapacity the outbound queue capacity
	 * @param sendThreads the number of send threads
	 * @param maxMessageBytes the largest message for other nodes
	 */
	public ClusterSettings {
		Objects.requireNonNull(nodeId, "'nodeId' must not be null");
		Objects.requireNonNull(keyPrefix, "'keyPrefix' must not be null");
		if (nodeId.isBlank() || nodeId.contains(":")) {
			throw new IllegalArgumentException("'nodeId' must not be blank nor contain ':', was '" + nodeId + "'");
		}
		requirePositive(heartbeatInterval, "heartbeatInterval");
		requirePositive(probeTimeout, "probeTimeout");
		requirePositive(registryFlushDelay, "registryFlushDelay");
		if (nodeTtl.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("'nodeTtl' (" + nodeTtl
					+ ") must be at least twice 'heartbeatInterval' (" + heartbeatInterval + ")");
		}
		if (probeTimeout.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException("'probeTimeout' (" + probeTimeout
					+ ") must be longer than 'heartbeatInterval' (" + heartbeatInterval + ")");
		}
		if (outboundQueueCapacity < 1 || sendThreads < 1 || maxMessageBytes < 1) {
			throw new IllegalArgumentException(
					"'outboundQueueCapacity', 'sendThreads' and 'maxMessageBytes' must be positive");
		}
	}

	private static void requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, () -> "'" + name + "' must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("'" + name + "' must be positive, was " + duration);
		}
	}

	/**
	 * Returns a builder with the defaults.
	 * @param nodeId the id of this node
	 * @return the builder
	 */
	public static Builder builder(String nodeId) {
		return new Builder(nodeId);
	}

	/**
	 * Builds {@link ClusterSettings}.
	 */
	public static final class Builder {

		private final String nodeId;

		private String keyPrefix = "socket:cluster:";

		private Duration heartbeatInterval = Duration.ofSeconds(1);

		private Duration nodeTtl = Duration.ofSeconds(5);

		private Duration probeTimeout = Duration.ofSeconds(3);

		private Duration registryFlushDelay = Duration.ofMillis(10);

		private int outboundQueueCapacity = 10_000;

		private int sendThreads = 2;

		private int maxMessageBytes = 1024 * 1024;

		private Builder(String nodeId) {
			this.nodeId = nodeId;
		}

		/**
		 * Sets the Redis key prefix.
		 * @param keyPrefix the prefix
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * Sets the heartbeat interval.
		 * @param heartbeatInterval the interval
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
			return this;
		}

		/**
		 * Sets the heartbeat key's time to live.
		 * @param nodeTtl the time to live
		 * @return this builder
		 */
		public Builder nodeTtl(Duration nodeTtl) {
			this.nodeTtl = nodeTtl;
			return this;
		}

		/**
		 * Sets the probe timeout.
		 * @param probeTimeout the timeout
		 * @return this builder
		 */
		public Builder probeTimeout(Duration probeTimeout) {
			this.probeTimeout = probeTimeout;
			return this;
		}

		/**
		 * Sets the registry flush delay.
		 * @param registryFlushDelay the delay
		 * @return this builder
		 */
		public Builder registryFlushDelay(Duration registryFlushDelay) {
			this.registryFlushDelay = registryFlushDelay;
			return this;
		}

		/**
		 * Sets the outbound queue capacity.
		 * @param outboundQueueCapacity the capacity
		 * @return this builder
		 */
		public Builder outboundQueueCapacity(int outboundQueueCapacity) {
			this.outboundQueueCapacity = outboundQueueCapacity;
			return this;
		}

		/**
		 * Sets the number of send threads.
		 * @param sendThreads the number of threads
		 * @return this builder
		 */
		public Builder sendThreads(int sendThreads) {
			this.sendThreads = sendThreads;
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the settings
		 */
		/**
		 * Sets the most bytes an encoded message for other nodes may have.
		 * @param maxMessageBytes the limit
		 * @return this builder
		 */
		public Builder maxMessageBytes(int maxMessageBytes) {
			this.maxMessageBytes = maxMessageBytes;
			return this;
		}

		public ClusterSettings build() {
			return new ClusterSettings(this.nodeId, this.keyPrefix, this.heartbeatInterval, this.nodeTtl,
					this.probeTimeout, this.registryFlushDelay, this.outboundQueueCapacity, this.sendThreads,
					this.maxMessageBytes);
		}

	}

}
