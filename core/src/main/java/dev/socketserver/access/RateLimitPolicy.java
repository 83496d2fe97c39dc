package dev.socketserver.access;

/**
 * What happens to a connection that sends messages faster than its rate limit allows.
 *
 * @since 0.1.0
 */
public enum RateLimitPolicy {

	/**
	 * Close the connection with {@code RATE_LIMITED}; the message over the limit is not handled.
	 */
	CLOSE,

	/**
	 * Stop reading from the connection until the bucket has refilled; TCP pushes back on the peer, and no message
	 * is ever dropped.
	 */
	PAUSE

}
