package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;

final class BufferPayloadCodec implements PayloadCodec<ByteBuf> {

	static final BufferPayloadCodec INSTANCE = new BufferPayloadCodec();

	private BufferPayloadCodec() {
	}

	@Override
	public ByteBuf read(ByteBuf in, int length) {
		return in.readRetainedSlice(length);
	}

	@Override
	public void write(ByteBuf message, ByteBuf out) {
		out.writeBytes(message, message.readerIndex(), message.readableBytes());
	}

	@Override
	public int sizeHint(ByteBuf message) {
		return message.readableBytes();
	}

}
