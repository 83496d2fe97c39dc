package dev.socketserver.connection;

/**
 * Observes connections opening and closing. Called on the connection's event loop, so it must be quick and must
 * not block; it sees every connection of its server.
 *
 * @since 0.1.0
 */
public interface ConnectionListener {

	/**
	 * Called when a connection has opened and been registered, as soon as it is accepted: before its TLS handshake
	 * and PROXY header, so its remote address may still be the proxy's.
	 * @param connection the connection
	 */
	default void connectionOpened(Connection connection) {
	}

	/**
	 * Called when a connection has closed and been unregistered.
	 * @param connection the connection
	 * @param reason why it closed
	 */
	default void connectionClosed(Connection connection, CloseReason reason) {
	}

}
