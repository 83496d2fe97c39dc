package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.EncoderException;

/**
 * How frames are delimited on the wire, independently of what their payload means. Thread-safe.
 *
 * @since 0.1.0
 * @see MessageCodec#of(Framing, PayloadCodec)
 */
public interface Framing {

	/**
	 * Creates the frame decoder of one new connection. A decoder without state may be returned every time; the
	 * codec then shares it.
	 * @return the decoder
	 */
	FrameDecoder newDecoder();

	/**
	 * Returns how many bytes framing adds to a payload, to size buffers.
	 * @return the overhead in bytes
	 */
	int overhead();

	/**
	 * Starts a frame in {@code out}, reserving room for a header if there is one.
	 * @param out the buffer
	 * @return the index where the frame starts, to pass to {@link #endFrame}
	 */
	int beginFrame(ByteBuf out);

	/**
	 * Completes the frame whose payload was written after {@link #beginFrame}: fills in its header or appends
	 * its trailer.
	 * @param out the buffer
	 * @param frameStart what {@link #beginFrame} returned
	 * @throws EncoderException if the payload cannot be framed (too long for the length field, wrong size)
	 */
	void endFrame(ByteBuf out, int frameStart);

}
