package dev.socketserver.cluster;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.SocketServers;

/**
 * Who is connected where in the cluster, per server: this node's own connections as they are now, the other
 * live nodes' as the registry holds them (a change on another node shows here once that node has written it,
 * within milliseconds). Each query that needs the other nodes costs one Redis round trip on the calling thread:
 * do not call it on an event loop.
 *
 * @since 0.1.0
 */
public final class ClusterPresence {

	private final ClusterNode node;

	private final SocketServers servers;

	/**
	 * Creates the presence view of a node.
	 * @param node this node
	 * @param servers this node's servers
	 */
	public ClusterPresence(ClusterNode node, SocketServers servers) {
		this.node = node;
		this.servers = servers;
	}

	/**
	 * Returns whether an identity has an open connection on any node.
	 * @param server the server's name
	 * @param identity the user or device id
	 * @return whether it is online
	 * @throws ClusterUnavailableException when it is not connected here and this node is cut off from Redis
	 */
	public boolean isOnline(String server, String identity) {
		if (!connections(server).connectionsOf(identity).isEmpty()) {
			return true;
		}
		return !remote(this.node.keys().identity(server, identity)).isEmpty();
	}

	/**
	 * Returns the nodes on which an identity has open connections.
	 * @param server the server's name
	 * @param identity the user or device id
	 * @return the node ids, empty if none
	 * @throws ClusterUnavailableException when this node is cut off from Redis
	 */
	public Set<String> nodesOf(String server, String identity) {
		boolean here = !connections(server).connectionsOf(identity).isEmpty();
		Set<String> nodes = new LinkedHashSet<>();
		if (here) {
			nodes.add(this.node.id());
		}
		nodes.addAll(remote(this.node.keys().identity(server, identity)).keySet());
		return Collections.unmodifiableSet(nodes);
	}

	/**
	 * Returns the number of open connections in a group over all nodes.
	 * @param server the server's name
	 * @param group the group name
	 * @return the member count
	 * @throws ClusterUnavailableException when this node is cut off from Redis
	 */
	public int countOnline(String server, String group) {
		int count = connections(server).groupSize(group);
		for (int members : remote(this.node.keys().group(server, group)).values()) {
			count += members;
		}
		return count;
	}

	/**
	 * Returns the live nodes of the cluster, this one included, as of this node's last heartbeat.
	 * @return the node ids
	 */
	public Set<String> liveNodes() {
		return Set.copyOf(this.node.liveNodes());
	}

	private ConnectionManager connections(String server) {
		return this.servers.get(server).connections();
	}

	private Map<String, Integer> remote(String registryKey) {
		if (!this.node.isAvailable()) {
			throw new ClusterUnavailableException(this.node.id(), 0);
		}
		return this.node.redis().presence(registryKey);
	}

}
