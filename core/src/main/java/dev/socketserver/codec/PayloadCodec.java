package dev.socketserver.codec;

import java.nio.charset.Charset;

import io.netty.buffer.ByteBuf;

/**
 * How the payload of a frame maps to a message and back. Thread-safe.
 *
 * @param <T> the message type
 * @since 0.1.0
 * @see MessageCodec#of(Framing, PayloadCodec)
 */
public interface PayloadCodec<T> {

	/**
	 * Reads a message from the {@code length} bytes at the reader index of {@code in}.
	 * @param in the buffer, positioned at the payload
	 * @param length the payload length
	 * @return the message
	 * @throws Exception if the payload is malformed
	 */
	T read(ByteBuf in, int length) throws Exception;

	/**
	 * Writes a message's payload.
	 * @param message the message
	 * @param out the buffer to append to
	 * @throws Exception if the message cannot be written
	 */
	void write(T message, ByteBuf out) throws Exception;

	/**
	 * Estimates the payload size of a message.
	 * @param message the message
	 * @return the expected number of bytes
	 */
	default int sizeHint(T message) {
		return 256;
	}

	/**
	 * Payloads as byte arrays.
	 * @return the payload codec
	 */
	static PayloadCodec<byte[]> bytes() {
		return BytesPayloadCodec.INSTANCE;
	}

	/**
	 * Payloads as strings. UTF-8 and US-ASCII payloads are validated: invalid bytes are a decode error, not
	 * replacement characters.
	 * @param charset the charset
	 * @return the payload codec
	 */
	static PayloadCodec<String> string(Charset charset) {
		return new StringPayloadCodec(charset);
	}

	/**
	 * Payloads as Netty buffers, without copying. A received buffer is released when the handler returns, so a
	 * handler that keeps it calls {@link ByteBuf#retain()}; a sent buffer is released once written.
	 * @return the payload codec
	 */
	static PayloadCodec<ByteBuf> buffer() {
		return BufferPayloadCodec.INSTANCE;
	}

}
