package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * {@link Codec} that decodes messages from a connection's buffered bytes and encodes each message, framing
 * included, into a single buffer.
 *
 * @param <T> the message type
 * @since 0.1.0
 */
public non-sealed interface MessageCodec<T> extends Codec<T> {

	/**
	 * Creates the decoder of one new connection. A decoder that keeps no state may be shared.
	 * @return the decoder
	 */
	MessageDecoder<T> newDecoder();

	/**
	 * Writes one message, framing included, to {@code out}. Called on any thread, so it must not touch
	 * per-connection state. The message is not released here: the caller owns it.
	 * @param message the message
	 * @param out the buffer to append to
	 * @throws Exception if the message cannot be encoded
	 */
	void encode(T message, ByteBuf out) throws Exception;

	/**
	 * Encodes a large message into a buffer that shares the message's own memory instead of copying it: a header
	 * and the payload buffer as one composite, say. The outbound writer asks for this first for every message too
	 * large to batch, and falls back to {@link #encode} into a buffer of its own when it gets {@code null}, as it
	 * does from this default. Called on any thread; the message is not released here, and the returned buffer
	 * holds references of its own.
	 * @param message the message
	 * @param alloc the allocator for headers and trailers
	 * @return the encoded frame, or {@code null} when this codec copies
	 * @throws Exception if the message cannot be encoded
	 */
	default @Nullable ByteBuf encodeShared(T message, ByteBufAllocator alloc) throws Exception {
		return null;
	}

	/**
	 * Estimates the encoded size of a message, to size its buffer; a wrong guess costs a reallocation.
	 * @param message the message
	 * @return the expected number of bytes
	 */
	default int sizeHint(T message) {
		return 256;
	}

	/**
	 * Composes a codec from a framing and a payload mapping.
	 * @param <T> the message type
	 * @param framing how frames are delimited
	 * @param payload how a frame's payload maps to a message
	 * @return the codec
	 */
	static <T> MessageCodec<T> of(Framing framing, PayloadCodec<T> payload) {
		return new FramedCodec<>(framing, payload);
	}

}
