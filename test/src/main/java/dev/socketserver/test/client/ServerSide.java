package dev.socketserver.test.client;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.server.SocketServer;
import org.jspecify.annotations.Nullable;

/**
 * The server a test client connected to, and the client's connection there once the server registered it. The
 * connection is looked up by the client's local port, the connection's remote port: right after connecting,
 * before a PROXY header can change the remote address and before a close removes it from the registry.
 */
final class ServerSide {

	private static final CloseReason[] REJECTIONS = { CloseReason.CONNECTION_LIMIT, CloseReason.ACCESS_DENIED,
			CloseReason.RATE_LIMITED };

	private final SocketServer server;

	private final Map<CloseReason, Long> rejectedBefore = new EnumMap<>(CloseReason.class);

	private int localPort = -1;

	private @Nullable Connection connection;

	/**
	 * Notes the server's rejection counts before the client connects: a refused connection is never registered,
	 * and only the counts can tell why it was refused.
	 */
	ServerSide(SocketServer server) {
		this.server = server;
		ConnectionStats stats = server.connections().stats();
		for (CloseReason reason : REJECTIONS) {
			this.rejectedBefore.put(reason, stats.rejected(reason));
		}
	}

	SocketServer server() {
		return this.server;
	}

	void connectedFrom(int localPort) {
		this.localPort = localPort;
	}

	/**
	 * Returns the client's connection on the server, looking it up if it was not found yet.
	 */
	@Nullable Connection connection() {
		Connection connection = this.connection;
		if (connection == null) {
			connection = this.server.connections()
				.stream()
				.filter((candidate) -> candidate.remoteAddress() instanceof InetSocketAddress remote
						&& remote.getPort() == this.localPort)
				.findFirst()
				.orElse(null);
			this.connection = connection;
		}
		return connection;
	}

	/**
	 * Expects the server to close the client's connection for a reason: on the connection, or, for one refused
	 * when accepted, on the rejection counts.
	 * @param clientSeesEnd waits for the client to read the end of the connection, or fails
	 */
	void expectClosedWith(CloseReason reason, long deadlineNanos, Runnable clientSeesEnd) {
		Connection connection = connection();
		if (connection != null) {
			CloseReason actual = awaitClose(connection, deadlineNanos);
			if (actual != reason) {
				throw new AssertionError("Expected socket server '" + this.server.name() + "' to close connection "
						+ connection.id() + " with " + reason.name() + " (" + reason + "), but it closed it with "
						+ actual.name() + " (" + actual + ")");
			}
			clientSeesEnd.run();
			return;
		}
		if (!reason.isRejection()) {
			throw new AssertionError("Expected a close with " + reason.name() + ", but socket server '"
					+ this.server.name() + "' never registered this connection (from port " + this.localPort
					+ "); was it refused when accepted?");
		}
		clientSeesEnd.run();
		while (!rejectedSinceConnect(reason)) {
			if (System.nanoTime() - deadlineNanos > 0) {
				throw new AssertionError("The connection was closed, but socket server '" + this.server.name()
						+ "' counted no rejection with " + reason.name() + " (" + reason + ")");
			}
			// The count is taken on the acceptor thread just before the close the client saw: a matter of moments.
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	/**
	 * Waits for the server to close the client's connection and returns why it did, or fails.
	 */
	private CloseReason awaitClose(Connection connection, long deadlineNanos) {
		try {
			return connection.closeFuture()
				.toCompletableFuture()
				.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Expected the server to close connection " + connection.id() + " of socket "
					+ "server '" + this.server.name() + "', but it is still open");
		}
		catch (ExecutionException ex) {
			throw new AssertionError("The close of connection " + connection.id() + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for the server to close connection "
					+ connection.id(), ex);
		}
	}

	/**
	 * Returns whether the server counted a rejection for this reason since the client connected.
	 */
	private boolean rejectedSinceConnect(CloseReason reason) {
		Long before = this.rejectedBefore.get(reason);
		return before != null && this.server.connections().stats().rejected(reason) > before;
	}

	/**
	 * Describes the server side of the connection for failure messages.
	 */
	String describe() {
		Connection connection = this.connection;
		if (connection == null) {
			return "; socket server '" + this.server.name() + "' has no connection from port " + this.localPort;
		}
		CloseReason reason = connection.closeReason();
		return "; on socket server '" + this.server.name() + "' connection " + connection.id()
				+ ((reason != null) ? " was closed with " + reason.name() + " (" + reason + ")" : " is open");
	}

}
