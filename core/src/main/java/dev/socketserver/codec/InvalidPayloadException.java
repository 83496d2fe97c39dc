package dev.socketserver.codec;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Signals that a received message could not be bound to a controller method's payload parameter or failed its
 * validation. The controller answers it with the server's error reply and keeps the connection open; without an
 * error reply format it is handled like any other handler error. Controller methods may throw it too.
 *
 * @since 0.1.0
 */
public class InvalidPayloadException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> violations;

	/**
	 * Creates an exception.
	 * @param message what failed, for the client, such as {@code "validation failed"}
	 * @param violations the reasons, field by field; may be empty
	 */
	public InvalidPayloadException(String message, List<Violation> violations) {
		this(message, violations, null);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what failed, for the client
	 * @param violations the reasons, field by field; may be empty
	 * @param cause the cause, such as the binder's exception
	 */
	public InvalidPayloadException(String message, List<Violation> violations, @Nullable Throwable cause) {
		super(message, cause);
		this.violations = List.copyOf(violations);
	}

	/**
	 * Returns the reasons, field by field.
	 * @return the violations; may be empty
	 */
	public List<Violation> getViolations() {
		return this.violations;
	}

}
