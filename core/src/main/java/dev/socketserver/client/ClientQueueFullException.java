package dev.socketserver.client;

/**
 * Reports a send or request refused because a disconnected {@link SocketClient}'s queue was full.
 *
 * @since 0.1.0
 */
public class ClientQueueFullException extends NotConnectedException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param clientName the client's name
	 * @param capacity the capacity of its queue
	 */
	public ClientQueueFullException(String clientName, int capacity) {
		super("Socket client '" + clientName + "' is not connected and its queue of " + capacity
				+ " messages is full");
	}

}
