package dev.socketserver.cluster;

/**
 * Reports that the queue of sends waiting to go to Redis was full, so a send or request for other nodes was
 * refused.
 *
 * @since 0.1.0
 */
public class ClusterQueueFullException extends ClusterSendException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param capacity the queue's capacity
	 * @param localDelivered the number of this node's connections the message was handed to
	 */
	public ClusterQueueFullException(int capacity, int localDelivered) {
		super("The outbound cluster queue is full (" + capacity + " sends waiting for Redis): "
				+ "raise socket.cluster.outbound-queue-capacity or send less", localDelivered, null);
	}

}
