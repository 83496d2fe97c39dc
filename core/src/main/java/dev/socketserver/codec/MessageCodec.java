package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;

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
