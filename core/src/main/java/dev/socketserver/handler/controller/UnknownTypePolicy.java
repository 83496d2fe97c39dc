package dev.socketserver.handler.controller;

/**
 * What a controller does with a message whose type no method handles, when it has no
 * {@link dev.socketserver.handler.annotation.Fallback} method.
 *
 * @since 0.1.0
 */
public enum UnknownTypePolicy {

	/**
	 * Reply with the server's error reply ({@link ErrorReplies#unknownType}) and keep the connection open.
	 */
	ERROR,

	/**
	 * Drop the message and keep the connection open.
	 */
	IGNORE,

	/**
	 * Close the connection with {@link dev.socketserver.connection.CloseReason#CLOSED_BY_APPLICATION}.
	 */
	CLOSE

}
