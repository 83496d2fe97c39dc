package dev.socketserver.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.CorruptedFrameException;

final class StringPayloadCodec implements PayloadCodec<String> {

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
		// Netty would silently substitute U+FFFD; a protocol that promises text treats bad bytes as bad input.
		if (this.validate && !ByteBufUtil.isText(in, index, length, this.charset)) {
			throw new CorruptedFrameException("Payload is not valid " + this.charset.name());
		}
		String value = in.toString(index, length, this.charset);
		in.skipBytes(length);
		return value;
	}

	@Override
	public void write(String message, ByteBuf out) {
		if (this.utf8) {
			ByteBufUtil.writeUtf8(out, message);
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
