package dev.socketserver.client;

/**
 * What a {@link SocketClient} does with sends and requests while it has no connection.
 *
 * @since 0.1.0
 */
public enum WhileDisconnected {

	/**
	 * They fail at once with a {@link NotConnectedException}.
	 */
	FAIL,

	/**
	 * They wait in a bounded queue and go out in order on the next connection; beyond its capacity they fail with
	 * a {@link ClientQueueFullException}. Queued requests keep their timeouts, counted from the call.
	 */
	QUEUE

}
