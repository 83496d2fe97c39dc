package dev.socketserver.connection;

/**
 * Reports a message that was not sent because its connection's pending outbound bytes exceeded the limit.
 *
 * @since 0.1.0
 */
public class MessageDroppedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param connectionId the connection's id
	 * @param pendingBytes the bytes pending when the message was dropped
	 */
	public MessageDroppedException(String connectionId, long pendingBytes) {
		super("Message to connection " + connectionId + " dropped: " + pendingBytes
				+ " bytes already pending (slow consumer)", null, false, false);
	}

}
