package dev.socketserver.cluster.metrics;

/**
 * The names of the cluster meters, in one place.
 *
 * @since 0.1.0
 */
public enum ClusterMeters {

	/** Envelopes published to other nodes: one per node a send reached, one per broadcast. */
	MESSAGES_SENT("socket.cluster.messages.sent"),

	/** Messages, requests and replies received from other nodes. */
	MESSAGES_RECEIVED("socket.cluster.messages.received"),

	/** Sends and requests to an identity that no node had. */
	ROUTING_MISSES("socket.cluster.routing.misses"),

	/** Sends whose part for other nodes failed, by reason. */
	SENDS_FAILED("socket.cluster.sends.failed"),

	/** Time from the sending node's send to this node's delivery, on the two nodes' wall clocks. */
	DELIVERY_LAG("socket.cluster.delivery.lag"),

	/** Identities and groups this node holds in the registry. */
	REGISTRY_ENTRIES("socket.cluster.registry.entries"),

	/** Sends waiting for a thread to take them to Redis. */
	QUEUE_DEPTH("socket.cluster.queue.depth"),

	/** Live nodes of the cluster, this one included. */
	NODES_LIVE("socket.cluster.nodes.live"),

	/** Whether this node is connected to the cluster (1) or cut off (0). */
	CONNECTED("socket.cluster.connected"),

	/** Stream entries read again because they were not acknowledged before (at-least-once servers). */
	REDELIVERIES("socket.cluster.delivery.redeliveries"),

	/** Envelopes dropped because one with the same message id was delivered already. */
	DUPLICATES_DROPPED("socket.cluster.delivery.duplicates"),

	/** Sends to an identity that no node had, stored until it binds. */
	OFFLINE_STORED("socket.cluster.offline.stored"),

	/** Stored messages delivered when their identity bound on this node. */
	OFFLINE_FORWARDED("socket.cluster.offline.forwarded"),

	/** Stored messages dropped to keep the most allowed per identity. */
	OFFLINE_DROPPED("socket.cluster.offline.dropped");

	private final String meterName;

	ClusterMeters(String meterName) {
		this.meterName = meterName;
	}

	/**
	 * Returns the meter's name.
	 * @return the name
	 */
	public String meterName() {
		return this.meterName;
	}

}
