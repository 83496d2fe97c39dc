package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;

final class BytesPayloadCodec implements PayloadCodec<byte[]> {

	static final BytesPayloadCodec INSTANCE = new BytesPayloadCodec();

	private BytesPayloadCodec() {
	}

	@Override
	public byte[] read(ByteBuf in, int length) {
		byte[] bytes = new byte[length];
		in.readBytes(bytes);
		return bytes;
	}

	@Override
	public void write(byte[] message, ByteBuf out) {
		out.writeBytes(message);
	}

	@Override
	public int sizeHint(byte[] message) {
		return message.length;
	}

}
