package dev.socketserver.connection;

/**
 * What happens to a connection whose handler threw.
 *
 * @since 0.1.0
 */
public enum HandlerErrorPolicy {

	/**
	 * Close the connection with {@link CloseReason#HANDLER_ERROR}.
	 */
	CLOSE,

	/**
	 * Keep the connection open and go on with its next message.
	 */
	KEEP

}
