package dev.socketserver.autoconfigure.endpoint;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * The connections of the other nodes of a cluster, for the {@link SocketServersEndpoint}: when a bean of this
 * type exists (the cluster module provides one), the endpoint finds and closes the connections of an identity on
 * every node, not only on this one. Implementations bound every call by a timeout and report a node that did not
 * answer in {@link Result#errors()} rather than failing the whole call.
 *
 * @since 0.1.0
 */
public interface RemoteConnections {

	/**
	 * Returns the id of this node, as the other nodes know it.
	 * @return the node id
	 */
	String localNode();

	/**
	 * Finds the open connections of an identity on the other nodes.
	 * @param server the server's name
	 * @param identity the identity
	 * @return the connections found and the nodes that could not be asked
	 */
	Result find(String server, String identity);

	/**
	 * Closes the open connections of an identity on the other nodes, with {@code CLOSED_BY_ADMIN}.
	 * @param server the server's name
	 * @param identity the identity
	 * @return the connections as they are after the close and the nodes that could not be asked
	 */
	Result close(String server, String identity);

	/**
	 * Closes one open connection of another node, with {@code CLOSED_BY_ADMIN}.
	 * @param server the server's name
	 * @param node the id of the node that holds it
	 * @param connectionId the connection's id on that node
	 * @return the connection as it is after the close (none if the node has no such connection) or the node's
	 * error
	 */
	Result closeConnection(String server, String node, String connectionId);

	/**
	 * A connection of another node.
	 *
	 * @param node the id of the node that holds it, {@code null} for this node's without a cluster
	 * @param id the connection's id on that node
	 * @param remoteAddress the peer's address
	 * @param identity the bound identity, {@code null} if none
	 * @param openedAt when the connection was accepted
	 * @param open whether the connection is open
	 * @param closeReason why it closed, as a metric tag, {@code null} while open
	 */
	record RemoteConnection(@Nullable String node, String id, String remoteAddress, @Nullable String identity,
			Instant openedAt, boolean open, @Nullable String closeReason) {

		/**
		 * Describes a connection of this node.
		 * @param node this node's id, {@code null} without a cluster
		 * @param connection the connection
		 * @return its description
		 */
		public static RemoteConnection of(@Nullable String node, Connection connection) {
			CloseReason reason = connection.closeReason();
			return new RemoteConnection(node, connection.id(), format(connection.remoteAddress()),
					connection.identity(), connection.openedAt(), connection.isOpen(),
					(reason != null) ? reason.tag() : null);
		}

		private static String format(SocketAddress address) {
			if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
				String host = inet.getAddress().getHostAddress();
				return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
			}
			return String.valueOf(address);
		}

	}

	/**
	 * What the other nodes answered.
	 *
	 * @param connections the connections they described
	 * @param errors why a node could not be asked or did not answer, by node id
	 */
	record Result(List<RemoteConnection> connections, Map<String, String> errors) {

	}

}
