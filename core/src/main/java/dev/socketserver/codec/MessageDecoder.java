package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the messages of one connection from its buffered bytes. Used by one thread at a time.
 *
 * @param <T> the message type
 * @since 0.1.0
 */
@FunctionalInterface
public interface MessageDecoder<T> {

	/**
	 * Decodes the next message from {@code in}, advancing its reader index past it.
	 * <p>
	 * A decoder must refuse a frame that exceeds its limit as soon as its length is known, before buffering it,
	 * by throwing {@link TooLongFrameException}; malformed input throws {@link CorruptedFrameException} or any
	 * other exception. Either closes the connection.
	 * @param in the buffered bytes
	 * @return the message, or {@code null} if {@code in} does not hold a whole one yet (reader index unchanged)
	 * @throws Exception if the input is too long or malformed
	 */
	@Nullable T decode(ByteBuf in) throws Exception;

}
