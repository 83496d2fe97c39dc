package dev.socketserver.cluster;

/**
 * Reports that a send could not reach the other nodes of the cluster. What this node's own connections were
 * handed is still sent to them: see {@link #localDelivered()}.
 *
 * @since 0.1.0
 */
public class ClusterSendException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int localDelivered;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param localDelivered the number of this node's connections the message was handed to
	 * @param cause the cause, or {@code null}
	 */
	public ClusterSendException(String message, int localDelivered, Throwable cause) {
		super(message, cause);
		this.localDelivered = localDelivered;
	}

	/**
	 * Returns the number of this node's connections the message was handed to.
	 * @return the count
	 */
	public int localDelivered() {
		return this.localDelivered;
	}

}
