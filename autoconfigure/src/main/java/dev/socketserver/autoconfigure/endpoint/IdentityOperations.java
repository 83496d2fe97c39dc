package dev.socketserver.autoconfigure.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.socketserver.autoconfigure.endpoint.RemoteConnections.RemoteConnection;
import dev.socketserver.autoconfigure.endpoint.RemoteConnections.Result;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.server.SocketServer;
import org.jspecify.annotations.Nullable;

/**
 * The operations of the {@link SocketServersEndpoint} on the connections of an identity: this node's and, with
 * {@link RemoteConnections}, the other nodes'.
 */
final class IdentityOperations {

	private static final long CLOSE_WAIT_MILLIS = 2000;

	private final @Nullable RemoteConnections remote;

	IdentityOperations(@Nullable RemoteConnections remote) {
		this.remote = remote;
	}

	IdentityConnectionsDescriptor find(SocketServer server, String identity) {
		List<RemoteConnection> connections = new ArrayList<>(local(server, identity, false));
		Map<String, String> errors = new LinkedHashMap<>();
		if (this.remote != null) {
			add(this.remote.find(server.name(), identity), connections, errors);
		}
		return new IdentityConnectionsDescriptor(server.name(), identity, connections, errors);
	}

	IdentityConnectionsDescriptor close(SocketServer server, String identity) {
		List<RemoteConnection> connections = new ArrayList<>(local(server, identity, true));
		Map<String, String> errors = new LinkedHashMap<>();
		if (this.remote != null) {
			add(this.remote.close(server.name(), identity), connections, errors);
		}
		return new IdentityConnectionsDescriptor(server.name(), identity, connections, errors);
	}

	/**
	 * Closes a connection of another node, {@code null} when there is no cluster or the node is this one.
	 */
	@Nullable IdentityConnectionsDescriptor closeOn(SocketServer server, String node, String connectionId) {
		RemoteConnections remote = this.remote;
		if (remote == null || remote.localNode().equals(node)) {
			return null;
		}
		List<RemoteConnection> connections = new ArrayList<>();
		Map<String, String> errors = new LinkedHashMap<>();
		add(remote.closeConnection(server.name(), node, connectionId), connections, errors);
		return new IdentityConnectionsDescriptor(server.name(), null, connections, errors);
	}

	private static void add(Result result, List<RemoteConnection> connections, Map<String, String> errors) {
		connections.addAll(result.connections());
		errors.putAll(result.errors());
	}

	private List<RemoteConnection> local(SocketServer server, String identity, boolean close) {
		List<Connection> found = List.copyOf(server.connections().connectionsOf(identity));
		if (close) {
			for (Connection connection : found) {
				connection.close(CloseReason.CLOSED_BY_ADMIN);
			}
			CompletableFuture<?>[] closing = found.stream()
				.map((connection) -> connection.closeFuture().toCompletableFuture())
				.toArray(CompletableFuture[]::new);
			try {
				CompletableFuture.allOf(closing).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				// Described as they are: still closing.
			}
		}
		String node = (this.remote != null) ? this.remote.localNode() : null;
		return found.stream().map((connection) -> RemoteConnection.of(node, connection)).toList();
	}

}
