package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
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
	 * Encodes a large message around the message's own memory instead of copying it: writes the frame's bytes
	 * that go before the payload to {@code out} and returns the rest of the frame, which shares the payload (a
	 * retained slice, say), to be written right after them. The outbound writer asks for this for every message
	 * too large to batch that {@link #sharesPayload} accepts, and otherwise, or when this returns {@code null} as
	 * the default does, encodes with {@link #encode} into a buffer of its own. Called on any thread; the message is
	 * not released here, and the returned buffer holds references of its own. What was written to {@code out} is
	 * discarded when this throws or returns {@code null}.
	 * @param message the message
	 * @param out the buffer for the bytes before the payload, such as a length field
	 * @return the rest of the frame, or {@code null} when this codec copies
	 * @throws Exception if the message cannot be encoded
	 */
	default @Nullable ByteBuf encodeShared(T message, ByteBuf out) throws Exception {
		return null;
	}

	/**
	 * Returns whether {@link #encodeShared} shares this message's memory rather than returning {@code null}:
	 * asked first, so that no buffer is set aside for a message that is copied anyway.
	 * @param message the message
	 * @return whether the message is encoded without a copy of its payload
	 */
	default boolean sharesPayload(T message) {
		return false;
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
