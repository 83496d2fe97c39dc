package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Reads the routing type of a received message: what {@link dev.socketserver.handler.annotation.OnMessage}
 * methods declare they handle. Called once per message on the connection's thread; must be thread-safe and cheap.
 * <p>
 * Numeric types (binary protocols) implement {@link OfInt}, which routes through an int-indexed table without
 * boxing.
 *
 * @param <T> the message type of the server's codec
 * @since 0.1.0
 */
@FunctionalInterface
public interface MessageTypeResolver<T> {

	/**
	 * Returns the type of a message.
	 * @param message the decoded message
	 * @return the type, or {@code null} if the message has none
	 */
	@Nullable String resolveType(T message);

	/**
	 * The first word of a line: what precedes the first space or tab, the whole line if there is none.
	 * @return the resolver
	 */
	static MessageTypeResolver<String> firstWord() {
		return (line) -> {
			int length = line.length();
			for (int i = 0; i < length; i++) {
				char c = line.charAt(i);
				if (c == ' ' || c == '\t') {
					return (i > 0) ? line.substring(0, i) : null;
				}
			}
			return (length > 0) ? line : null;
		};
	}

	/**
	 * An unsigned big-endian number at a fixed position of binary messages ({@code byte[]} or {@link ByteBuf}), such
	 * as a message id in a header.
	 * @param offset the index of its first byte
	 * @param length its size: 1 to 3 bytes
	 * @return the resolver
	 */
	static OfInt<Object> binaryId(int offset, int length) {
		if (offset < 0) {
			throw new IllegalArgumentException("'offset' must not be negative");
		}
		if (length < 1 || length > 3) {
			throw new IllegalArgumentException("'length' must be between 1 and 3");
		}
		return new BinaryIdResolver(offset, length);
	}

	/**
	 * {@link MessageTypeResolver} of numeric types. Methods declare them as numbers ({@code "7"}, {@code "0x07"}).
	 *
	 * @param <T> the message type of the server's codec
	 */
	@FunctionalInterface
	interface OfInt<T> extends MessageTypeResolver<T> {

		/**
		 * Returns the numeric type of a message.
		 * @param message the decoded message
		 * @return the type, or a negative number if the message has none
		 */
		int resolveId(T message);

		@Override
		default @Nullable String resolveType(T message) {
			int id = resolveId(message);
			return (id >= 0) ? Integer.toString(id) : null;
		}

	}

}
