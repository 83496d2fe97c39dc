package dev.socketserver.cluster;

/**
 * Reports that a request routed to another node failed there, for a reason that has no exception of its own on
 * this node (the connection closed before replying, the request was refused).
 *
 * @since 0.1.0
 */
public class ClusterRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed, as the other node reported it
	 */
	public ClusterRequestException(String message) {
		super(message);
	}

}
