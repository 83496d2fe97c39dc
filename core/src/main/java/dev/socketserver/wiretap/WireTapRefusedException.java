package dev.socketserver.wiretap;

/**
 * Thrown when a wire tap cannot start because as many as allowed are running already.
 *
 * @since 0.1.0
 */
public class WireTapRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message why the tap was refused
	 */
	public WireTapRefusedException(String message) {
		super(message);
	}

}
