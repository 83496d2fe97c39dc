package dev.socketserver.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running figures of this node's part in the cluster, per server, kept as plain adders and read by the
 * metrics binder.
 *
 * @since 0.1.0
 */
public final class ClusterStats {

	private final Map<String, ServerStats> servers = new ConcurrentHashMap<>();

	/**
	 * Returns the figures of one server.
	 * @param server the server's name
	 * @return the figures, created on first use
	 */
	public ServerStats server(String server) {
		return this.servers.computeIfAbsent(server, (name) -> new ServerStats());
	}

	/**
	 * Why a send to other nodes failed.
	 */
	public enum Failure {

		/** This node is not connected to Redis, or its channel does not answer. */
		UNAVAILABLE,

		/** The outbound cluster queue was full. */
		QUEUE_FULL,

		/** The message was larger than a message for other nodes may be. */
		TOO_LARGE,

		/** Redis or the message's encoding failed. */
		ERROR

	}

	/**
	 * The cluster figures of one server on this node.
	 */
	public static final class ServerStats {

		private final LongAdder sent = new LongAdder();

		private final LongAdder received = new LongAdder();

		private final LongAdder misses = new LongAdder();

		private final LongAdder[] failures = new LongAdder[Failure.values().length];

		private final LongAdder lagCount = new LongAdder();

		private final LongAdder lagMillis = new LongAdder();

		private final LongAdder redeliveries = new LongAdder();

		private final LongAdder duplicates = new LongAdder();

		private final LongAdder stored = new LongAdder();

		private final LongAdder forwarded = new LongAdder();

		private final LongAdder storedDropped = new LongAdder();

		ServerStats() {
			for (int i = 0; i < this.failures.length; i++) {
				this.failures[i] = new LongAdder();
			}
		}

		/**
		 * Returns the number of envelopes published to other nodes (one per node reached, one per broadcast).
		 * @return the count
		 */
		public long sent() {
			return this.sent.sum();
		}

		/**
		 * Returns the number of messages and requests received from other nodes.
		 * @return the count
		 */
		public long received() {
			return this.received.sum();
		}

		/**
		 * Returns the number of sends and requests to an identity that no node had.
		 * @return the count
		 */
		public long routingMisses() {
			return this.misses.sum();
		}

		/**
		 * Returns the number of sends whose part for other nodes failed.
		 * @param failure why
		 * @return the count
		 */
		public long failed(Failure failure) {
			return this.failures[failure.ordinal()].sum();
		}

		/**
		 * Returns the number of deliveries whose lag was recorded.
		 * @return the count
		 */
		public long lagCount() {
			return this.lagCount.sum();
		}

		/**
		 * Returns the sum of the recorded lags, from the sending node's clock to this node's.
		 * @return the total in milliseconds
		 */
		public long lagTotalMillis() {
			return this.lagMillis.sum();
		}

		/**
		 * Returns the number of stream entries read again because they were not acknowledged before.
		 * @return the count
		 */
		public long redeliveries() {
			return this.redeliveries.sum();
		}

		/**
		 * Returns the number of envelopes dropped because one with the same message id was delivered already.
		 * @return the count
		 */
		public long duplicatesDropped() {
			return this.duplicates.sum();
		}

		/**
		 * Returns the number of sends to an identity that no node had, stored until it binds.
		 * @return the count
		 */
		public long offlineStored() {
			return this.stored.sum();
		}

		/**
		 * Returns the number of stored messages this node took and delivered when their identity bound here.
		 * @return the count
		 */
		public long offlineForwarded() {
			return this.forwarded.sum();
		}

		/**
		 * Returns the number of stored messages dropped to keep the most allowed per identity.
		 * @return the count
		 */
		public long offlineDropped() {
			return this.storedDropped.sum();
		}

		void recordRedelivery() {
			this.redeliveries.increment();
		}

		void recordDuplicate() {
			this.duplicates.increment();
		}

		void recordStored(int dropped) {
			this.stored.increment();
			this.storedDropped.add(dropped);
		}

		void recordForwarded() {
			this.forwarded.increment();
		}

		void recordSent(long envelopes) {
			this.sent.add(envelopes);
		}

		void recordReceived(long sentAtMillis) {
			this.received.increment();
			this.lagCount.increment();
			this.lagMillis.add(Math.max(0, System.currentTimeMillis() - sentAtMillis));
		}

		void recordMiss() {
			this.misses.increment();
		}

		void recordFailure(Failure failure) {
			this.failures[failure.ordinal()].increment();
		}

	}

}
