package dev.socketserver.codec;

import java.util.Objects;

/**
 * One reason a received payload was refused: the field at fault and what is wrong with it.
 *
 * @param field the path of the field, such as {@code reading.value} or {@code items[0]}; empty for the whole
 * payload
 * @param message what is wrong, for the client
 * @since 0.1.0
 */
public record Violation(String field, String message) {

	/**
	 * Creates a violation.
	 * @param field the path of the field
	 * @param message what is wrong
	 */
	public Violation {
		Objects.requireNonNull(field, "'field' must not be null");
		Objects.requireNonNull(message, "'message' must not be null");
	}

}
