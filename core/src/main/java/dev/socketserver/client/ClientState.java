package dev.socketserver.client;

/**
 * Where a {@link SocketClient} stands. With a pool of connections, the best state of any of them: connected as
 * long as one is.
 *
 * @since 0.1.0
 */
public enum ClientState {

	/**
	 * Not started yet.
	 */
	NEW,

	/**
	 * Connecting: the TCP connection, then the TLS handshake, are under way.
	 */
	CONNECTING,

	/**
	 * Connected: sends and requests go out at once.
	 */
	CONNECTED,

	/**
	 * Waiting before the next attempt, after a failed connect or a lost connection.
	 */
	BACKING_OFF,

	/**
	 * Stopped, or given up with reconnects off: it connects no more.
	 */
	CLOSED

}
