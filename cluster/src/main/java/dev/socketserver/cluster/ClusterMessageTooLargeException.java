package dev.socketserver.cluster;

/**
 * Reports that a message was too large to be carried to other nodes, so its part for them was not sent.
 *
 * @since 0.1.0
 */
public class ClusterMessageTooLargeException extends ClusterSendException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param size the encoded message's size in bytes
	 * @param limit the most bytes a message for other nodes may have
	 * @param localDelivered the number of this node's connections the message was handed to
	 */
	public ClusterMessageTooLargeException(int size, int limit, int localDelivered) {
		super("A message of " + size + " bytes is larger than the " + limit + " bytes a message for other nodes may "
				+ "have: raise socket.cluster.max-message-size or send less", localDelivered, null);
	}

}
