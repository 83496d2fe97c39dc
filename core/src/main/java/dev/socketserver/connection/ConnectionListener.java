package dev.socketserver.connection;

/**
 * Observes connections opening and closing, and their identity bindings and group memberships changing. Opening
 * and closing are reported on the connection's event loop, the other changes on the thread that made them (any
 * thread): every method must be quick and must not block. A listener sees every connection of its server.
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

	/**
	 * Called when a connection has been bound to an identity, after the server's identity index has it. A
	 * connection that closes loses its binding without this listener hearing of it other than through
	 * {@link #connectionClosed}.
	 * @param connection the connection
	 * @param identity the identity it is now bound to
	 */
	default void identityBound(Connection connection, String identity) {
	}

	/**
	 * Called when a connection's binding to an identity has been removed or replaced (before the replacement is
	 * reported to {@link #identityBound}).
	 * @param connection the connection
	 * @param identity the identity it was bound to
	 */
	default void identityUnbound(Connection connection, String identity) {
	}

	/**
	 * Called when a connection has joined a group, after the group's member index has it.
	 * @param connection the connection
	 * @param group the group name
	 */
	default void joined(Connection connection, String group) {
	}

	/**
	 * Called when a connection has left a group; not when it leaves every group by closing.
	 * @param connection the connection
	 * @param group the group name
	 */
	default void left(Connection connection, String group) {
	}

}
