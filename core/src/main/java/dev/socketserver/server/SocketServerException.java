package dev.socketserver.server;

/**
 * Reports that a socket server could not start or stop.
 *
 * @since 0.1.0
 */
public class SocketServerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String serverName;

	/**
	 * Creates an exception.
	 * @param serverName the server's name
	 * @param message what went wrong
	 * @param cause the cause, if any
	 */
	public SocketServerException(String serverName, String message, Throwable cause) {
		super(message, cause);
		this.serverName = serverName;
	}

	/**
	 * Returns the name of the server that failed.
	 * @return the server name
	 */
	public String getServerName() {
		return this.serverName;
	}

}
