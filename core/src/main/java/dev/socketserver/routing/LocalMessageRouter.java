package dev.socketserver.routing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.SocketServers;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * {@link MessageRouter} that reaches the connections of this JVM. Messages are encoded once per server and
 * shared by the recipients.
 *
 * @since 0.1.0
 */
public class LocalMessageRouter implements MessageRouter {

	private final SocketServers servers;

	/**
	 * Creates a router over the given servers.
	 * @param servers the servers
	 */
	public LocalMessageRouter(SocketServers servers) {
		this.servers = servers;
	}

	@Override
	public CompletionStage<Integer> sendToIdentity(String server, String identity, Object message) {
		ConnectionManager connections = connectionsOf(server, message);
		return CompletableFuture.completedFuture(connections.sendToIdentity(identity, message));
	}

	@Override
	public CompletionStage<Integer> sendToGroup(String server, String group, Object message,
			@Nullable String excludedConnectionId) {
		ConnectionManager connections = connectionsOf(server, message);
		return CompletableFuture.completedFuture(connections.sendToGroup(group, message,
				(excludedConnectionId != null) ? (connection) -> !connection.id().equals(excludedConnectionId) : null));
	}

	@Override
	public CompletionStage<Integer> broadcast(String server, Object message) {
		return CompletableFuture.completedFuture(connectionsOf(server, message).broadcast(message));
	}

	@Override
	public CompletionStage<Object> request(String server, String identity, Object message, Duration timeout) {
		ConnectionManager connections = connectionsOf(server, message);
		Connection newest = null;
		for (Connection connection : connections.connectionsOf(identity)) {
			if (connection.isOpen() && (newest == null || connection.openedAt().isAfter(newest.openedAt()))) {
				newest = connection;
			}
		}
		if (newest == null) {
			ReferenceCountUtil.release(message);
			return CompletableFuture.failedFuture(new IdentityNotConnectedException(server, identity));
		}
		return newest.request(message, timeout);
	}

	private ConnectionManager connectionsOf(String server, Object message) {
		try {
			return this.servers.get(server).connections();
		}
		catch (RuntimeException ex) {
			ReferenceCountUtil.release(message);
			throw ex;
		}
	}

}
