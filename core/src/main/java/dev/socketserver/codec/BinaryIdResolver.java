package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads an unsigned big-endian number of one to three bytes at a fixed offset of {@code byte[]} or {@link ByteBuf}
 * messages.
 */
final class BinaryIdResolver implements MessageTypeResolver.OfInt<Object> {

	private final int offset;

	private final int length;

	BinaryIdResolver(int offset, int length) {
		this.offset = offset;
		this.length = length;
	}

	@Override
	public int resolveId(Object message) {
		if (message instanceof byte[] bytes) {
			if (bytes.length < this.offset + this.length) {
				return -1;
			}
			int id = 0;
			for (int i = this.offset; i < this.offset + this.length; i++) {
				id = (id << 8) | (bytes[i] & 0xFF);
			}
			return id;
		}
		if (message instanceof ByteBuf buffer) {
			int start = buffer.readerIndex() + this.offset;
			if (buffer.readableBytes() < this.offset + this.length) {
				return -1;
			}
			return switch (this.length) {
				case 1 -> buffer.getUnsignedByte(start);
				case 2 -> buffer.getUnsignedShort(start);
				default -> buffer.getUnsignedMedium(start);
			};
		}
		return -1;
	}

	@Override
	public String toString() {
		return "binary id (" + this.length + " bytes at " + this.offset + ")";
	}

}
