package dev.socketserver.connection;

/**
 * What happens when a connection authenticates as a principal that another open connection of the same server
 * already is.
 *
 * @since 0.1.0
 */
public enum IdentityTakeover {

	/**
	 * Both stay: the identity has several connections, and sends to it reach all of them.
	 */
	KEEP_BOTH,

	/**
	 * The older connections are closed with {@link CloseReason#REPLACED}: a device that reconnects before its old
	 * connection timed out takes over at once.
	 */
	CLOSE_OLDER,

	/**
	 * The newer connection is closed with {@link CloseReason#IDENTITY_IN_USE}.
	 */
	REFUSE_NEWER

}
