package dev.socketserver.connection;

/**
 * What happens to a message sent to a connection whose pending outbound bytes exceed the limit.
 *
 * @since 0.1.0
 */
public enum SlowConsumerPolicy {

	/**
	 * Close the connection with {@link CloseReason#SLOW_CONSUMER}.
	 */
	CLOSE,

	/**
	 * Drop the message and count it; the connection stays open.
	 */
	DROP

}
