package dev.socketserver.connection;

/**
 * Reports that a connection closed, or was closed already, before what was asked of it completed, such as a
 * request waiting for its reply.
 *
 * @since 0.1.0
 */
public class ConnectionClosedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String connectionId;

	private final CloseReason reason;

	/**
	 * Creates an exception.
	 * @param connectionId the connection's id
	 * @param reason why it closed
	 */
	public ConnectionClosedException(String connectionId, CloseReason reason) {
		super("Connection " + connectionId + " closed: " + reason, null, false, false);
		this.connectionId = connectionId;
		this.reason = reason;
	}

	/**
	 * Returns the id of the connection that closed.
	 * @return the connection id
	 */
	public String connectionId() {
		return this.connectionId;
	}

	/**
	 * Returns why the connection closed.
	 * @return the close reason
	 */
	public CloseReason reason() {
		return this.reason;
	}

}
