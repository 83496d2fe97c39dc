package dev.socketserver.cluster;

/**
 * Reports that this node is cut off from the cluster (Redis is unreachable, or its own channel does not answer
 * its probe), so a send or request for other nodes failed at once instead of waiting.
 *
 * @since 0.1.0
 */
public class ClusterUnavailableException extends ClusterSendException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param node this node's id
	 * @param localDelivered the number of this node's connections the message was handed to
	 */
	public ClusterUnavailableException(String node, int localDelivered) {
		super("Cluster node '" + node + "' is not connected to the cluster (Redis unreachable or its channel silent)",
				localDelivered, null);
	}

}
