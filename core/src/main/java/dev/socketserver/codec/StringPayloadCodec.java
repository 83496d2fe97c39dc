package dev.socketserver.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.CorruptedFrameException;

final class StringPayloadCodec implements PayloadCodec<String> {

	private static final char REPLACEMENT = '\uFFFD';

	private static final int BULK_ENCODE_THRESHOLD = 128;

	private final Charset charset;

	private final boolean utf8;

	private final boolean validate;

	StringPayloadCodec(Charset charset) {
		this.charset = Objects.requireNonNull(charset, "'charset' must not be null");
		this.utf8 = StandardCharsets.UTF_8.equals(charset);
		this.validate = this.utf8 || StandardCharsets.US_ASCII.equals(charset);
	}

	@Override
	public String read(ByteBuf in, int length) {
		int index = in.readerIndex();
		String value = in.toString(index, length, this.charset);
		// Netty would silently substitute U+FFFD; a protocol that promises text treats bad bytes as bad input.
		if (this.validate && invalid(in, index, length, value)) {
			throw new CorruptedFrameException("Payload is not valid " + this.charset.name());
		}
		in.skipBytes(length);
		return value;
	}

	/**
	 * The JDK's decoder replaces every malformed sequence with U+FFFD, so a decoded UTF-8 string without one came
	 * from valid input, and the byte-by-byte check runs only for the rare payload that holds a U+FFFD (valid or
	 * not). US-ASCII is decoded by Netty without replacement, so it is always checked.
	 */
	private boolean invalid(ByteBuf in, int index, int length, String value) {
		if (this.utf8 && value.indexOf(REPLACEMENT) < 0) {
			return false;
		}
		return !ByteBufUtil.isText(in, index, length, this.charset);
	}

	@Override
	public void write(String message, ByteBuf out) {
		if (this.utf8) {
			// One bulk copy of the JDK's (intrinsified) encoding beats Netty's char-by-char writes, above all into
			// a direct buffer; short strings are not worth the array.
			if (message.length() < BULK_ENCODE_THRESHOLD) {
				ByteBufUtil.writeUtf8(out, message);
			}
			else {
				out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
			}
		}
		else {
			out.writeCharSequence(message, this.charset);
		}
	}

	@Override
	public int sizeHint(String message) {
		return this.utf8 ? ByteBufUtil.utf8MaxBytes(message) : message.length();
	}

}
