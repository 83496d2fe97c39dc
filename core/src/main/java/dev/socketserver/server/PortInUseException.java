package dev.socketserver.server;

/**
 * Reports that a socket server could not bind because its port is already in use.
 *
 * @since 0.1.0
 */
public class PortInUseException extends SocketServerException {

	private static final long serialVersionUID = 1L;

	private final int port;

	/**
	 * Creates an exception.
	 * @param serverName the server's name
	 * @param port the port that is in use
	 * @param cause the bind failure
	 */
	public PortInUseException(String serverName, int port, Throwable cause) {
		super(serverName, "Socket server '" + serverName + "' could not start: port " + port + " is already in use",
				cause);
		this.port = port;
	}

	/**
	 * Returns the port that is in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
