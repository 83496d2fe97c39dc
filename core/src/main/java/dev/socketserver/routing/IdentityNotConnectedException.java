package dev.socketserver.routing;

/**
 * Reports that an identity has no open connection on the server meant, so a request to it could not be sent.
 *
 * @since 0.1.0
 */
public class IdentityNotConnectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String server;

	private final String identity;

	/**
	 * Creates an exception.
	 * @param server the server's name
	 * @param identity the identity
	 */
	public IdentityNotConnectedException(String server, String identity) {
		super("'" + identity + "' has no open connection on socket server '" + server + "'", null, false, false);
		this.server = server;
		this.identity = identity;
	}

	/**
	 * Returns the name of the server meant.
	 * @return the server name
	 */
	public String server() {
		return this.server;
	}

	/**
	 * Returns the identity that is not connected.
	 * @return the identity
	 */
	public String identity() {
		return this.identity;
	}

}
