package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Finds frames in the buffered bytes of one connection. Used by one thread at a time.
 *
 * @since 0.1.0
 */
public interface FrameDecoder {

	/**
	 * Returned by {@link #nextFrame} when the buffer does not hold a whole frame yet.
	 */
	int INCOMPLETE = -1;

	/**
	 * Locates the next whole frame. If there is one, moves the reader index to its payload and returns the
	 * payload's length; the caller consumes the payload and then calls {@link #endFrame}.
	 * @param in the buffered bytes
	 * @return the payload length, or {@link #INCOMPLETE} with the reader index unchanged
	 * @throws TooLongFrameException as soon as a frame is known to exceed the limit
	 * @throws CorruptedFrameException if the bytes cannot be a frame
	 */
	int nextFrame(ByteBuf in);

	/**
	 * Skips what follows the payload of the frame just consumed, such as a delimiter.
	 * @param in the buffered bytes, positioned after the payload
	 */
	default void endFrame(ByteBuf in) {
	}

}
