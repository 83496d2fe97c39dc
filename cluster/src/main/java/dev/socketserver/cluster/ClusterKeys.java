package dev.socketserver.cluster;

import java.nio.charset.StandardCharsets;

/**
 * The names of the cluster's keys and channels in Redis, all under one prefix.
 * <ul>
 * <li>{@code node:<id>}: a node's heartbeat, with a time to live; its absence means the node is dead</li>
 * <li>{@code nodes}: the ids of the nodes that may hold registry entries</li>
 * <li>{@code node:<id>:keys}: the registry keys a node holds a field in, so that its entries can be removed</li>
 * <li>{@code identity:<server>:<identity>} and {@code group:<server>:<group>}: hashes of node id to the number
 * of that node's connections</li>
 * <li>channels {@code channel:<id>} (one per node) and {@code broadcast}</li>
 * <li>{@code stream:<id>}: a node's stream, for the servers delivered at least once, read by the consumer group
 * {@value #STREAM_GROUP}</li>
 * <li>{@code offline:<server>:<identity>}: a list of the envelopes stored for an identity no node had</li>
 * </ul>
 */
final class ClusterKeys {

	static final String STREAM_GROUP = "delivery";

	private final String prefix;

	ClusterKeys(String prefix) {
		this.prefix = prefix;
	}

	String prefix() {
		return this.prefix;
	}

	String heartbeat(String node) {
		return this.prefix + "node:" + node;
	}

	String nodes() {
		return this.prefix + "nodes";
	}

	String ownedKeys(String node) {
		return this.prefix + "node:" + node + ":keys";
	}

	String identity(String server, String identity) {
		return this.prefix + "identity:" + server + ":" + identity;
	}

	String group(String server, String group) {
		return this.prefix + "group:" + server + ":" + group;
	}

	String channel(String node) {
		return this.prefix + "channel:" + node;
	}

	String stream(String node) {
		return this.prefix + "stream:" + node;
	}

	String offline(String server, String identity) {
		return this.prefix + "offline:" + server + ":" + identity;
	}

	String broadcast() {
		return this.prefix + "broadcast";
	}

	static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
