package dev.socketserver.client;

/**
 * Reports a send or request that a {@link SocketClient} could not hand to a connection: it has none and does
 * not queue ({@link WhileDisconnected#FAIL}), or it was stopped.
 *
 * @since 0.1.0
 */
public class NotConnectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was not sent and why
	 */
	public NotConnectedException(String message) {
		super(message, null, false, false);
	}

}
