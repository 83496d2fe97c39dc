package dev.socketserver.codec;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a controller answers to messages it refuses, in the server's protocol. Thread-safe.
 *
 * @since 0.1.0
 */
public interface ErrorReplies {

	/**
	 * Builds the reply to a message whose type no method handles.
	 * @param type the message's type, or {@code null} if it has none
	 * @return the reply, of a type the server's codec encodes, or {@code null} to send nothing
	 */
	@Nullable Object unknownType(@Nullable String type);

	/**
	 * Builds the reply to a message that could not be bound to a payload parameter or failed validation.
	 * @param error what failed
	 * @return the reply, of a type the server's codec encodes, or {@code null} to send nothing
	 */
	@Nullable Object invalidPayload(InvalidPayloadException error);

	/**
	 * Builds the reply to a message its connection's principal lacks the authority for.
	 * @param authority the authority that was missing
	 * @return the reply, of a type the server's codec encodes, or {@code null} to send nothing, as by default
	 */
	default @Nullable Object forbidden(String authority) {
		return null;
	}

	/**
	 * Error lines for line protocols: {@code ERR unknown command X}, {@code ERR validation failed: name must not
	 * be blank}, {@code ERR forbidden valve:write}.
	 * @return the error replies
	 */
	static ErrorReplies lines() {
		return new ErrorReplies() {

			@Override
			public String unknownType(@Nullable String type) {
				return (type != null) ? "ERR unknown command " + type : "ERR missing command";
			}

			@Override
			public String invalidPayload(InvalidPayloadException error) {
				if (error.getViolations().isEmpty()) {
					return "ERR " + error.getMessage();
				}
				return "ERR " + error.getMessage() + ": " + error.getViolations()
					.stream()
					.map((violation) -> (violation.field().isEmpty() ? "" : violation.field() + " ")
							+ violation.message())
					.collect(Collectors.joining("; "));
			}

			@Override
			public String forbidden(String authority) {
				return "ERR forbidden " + authority;
			}

			@Override
			public String toString() {
				return "error lines";
			}

		};
	}

}
