package dev.socketserver.request;

/**
 * Reports a request that was not sent: the server has no correlation, the connection has too many requests in
 * flight, the request's id is still pending, or the request could not be given an id.
 *
 * @since 0.1.0
 */
public class RequestRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message why the request was refused
	 */
	public RequestRefusedException(String message) {
		super(message);
	}

	/**
	 * Creates an exception.
	 * @param message why the request was refused
	 * @param cause what failed
	 */
	public RequestRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
