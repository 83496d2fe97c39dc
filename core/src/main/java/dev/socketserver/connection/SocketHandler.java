package dev.socketserver.connection;


/**
 * Application callback for the connections of a server.
 * <p>
 * The methods of one connection are called one at a time, in order ({@code onOpen}, then messages in arrival
 * order, then {@code onClose}); different connections are served in parallel, so a handler shared by all of them
 * must be thread-safe. Unless the server runs handlers off the event loop, they must not block.
 *
 * @param <T> the message type produced by the server's codec
 * @since 0.1.0
 */
@FunctionalInterface
public interface SocketHandler<T> {

	/**
	 * Called when a connection has been accepted and registered and is ready: on a TLS server once its handshake
	 * has completed (so {@link Connection#peerCertificate()} is known), behind a trusted proxy once its PROXY
	 * header has been read (so {@link Connection#remoteAddress()} is the client's). A connection that fails
	 * before then is never seen by the handler, neither here nor in {@link #onClose}.
	 * @param connection the new connection
	 * @throws Exception to report a failure, handled like one from {@link #onMessage}
	 */
	default void onOpen(Connection connection) throws Exception {
	}

	/**
	 * Called for every message received. Reply with {@link Connection#send} or {@link Connection#offer}.
	 * @param connection the connection the message came from
	 * @param message the decoded message; reference-counted messages are released when this method returns
	 * @throws Exception to report a failure: it is logged, counted and handled by the server's error policy
	 */
	void onMessage(Connection connection, T message) throws Exception;

	/**
	 * Called once when a connection has closed, for whatever reason.
	 * @param connection the closed connection
	 * @param reason why it closed
	 */
	default void onClose(Connection connection, CloseReason reason) {
	}

	/**
	 * Called once for each open connection when the server shuts down gracefully, before it stops reading from
	 * it; the place for a last message ("server restarting, reconnect in a minute"). Replies to messages already
	 * received are still sent; then the connection is closed with {@code SERVER_SHUTDOWN}.
	 * @param connection the connection
	 */
	default void onShutdown(Connection connection) {
	}

	/**
	 * Called when {@link #onOpen} or {@link #onMessage} threw, before the server's error policy applies.
	 * @param connection the connection
	 * @param error what was thrown
	 */
	default void onError(Connection connection, Throwable error) {
	}

}
