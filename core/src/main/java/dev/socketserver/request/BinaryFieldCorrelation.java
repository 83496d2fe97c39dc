package dev.socketserver.request;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Ids as unsigned big-endian numbers at fixed offsets of {@code ByteBuf} or {@code byte[]} payloads, read from
 * both directions, or assigned to requests from the connection's sequence.
 */
final class BinaryFieldCorrelation implements Correlation<Object> {

	private final int requestOffset;

	private final int replyOffset;

	private final int length;

	private final boolean assigns;

	private final long mask;

	BinaryFieldCorrelation(int requestOffset, int replyOffset, int length, boolean assigns) {
		if (requestOffset < 0 || replyOffset < 0) {
			throw new IllegalArgumentException("Offsets must not be negative");
		}
		if (length != 1 && length != 2 && length != 4 && length != 8) {
			throw new IllegalArgumentException("'length' must be 1, 2, 4 or 8, not " + length);
		}
		this.requestOffset = requestOffset;
		this.replyOffset = replyOffset;
		this.length = length;
		this.assigns = assigns;
		this.mask = (length == 8) ? -1L : (1L << (length * 8)) - 1;
	}

	@Override
	public Object requestId(Object request, long sequence) {
		if (this.assigns) {
			long id = sequence & this.mask;
			write(request, id);
			return id;
		}
		Long id = read(request, this.requestOffset);
		if (id == null) {
			throw new IllegalArgumentException("Request " + describe(request) + " is too short for an id of "
					+ this.length + " bytes at offset " + this.requestOffset);
		}
		return id;
	}

	@Override
	public @Nullable Object replyId(Object message) {
		return read(message, this.replyOffset);
	}

	private @Nullable Long read(Object message, int offset) {
		if (message instanceof ByteBuf buffer) {
			if (buffer.readableBytes() < offset + this.length) {
				return null;
			}
			int index = buffer.readerIndex() + offset;
			return switch (this.length) {
				case 1 -> (long) buffer.getUnsignedByte(index);
				case 2 -> (long) buffer.getUnsignedShort(index);
				case 4 -> buffer.getUnsignedInt(index);
				default -> buffer.getLong(index);
			};
		}
		if (message instanceof byte[] bytes) {
			if (bytes.length < offset + this.length) {
				return null;
			}
			long value = 0;
			for (int i = 0; i < this.length; i++) {
				value = (value << 8) | (bytes[offset + i] & 0xFF);
			}
			return value;
		}
		return null;
	}

	private void write(Object request, long id) {
		int offset = this.requestOffset;
		if (request instanceof ByteBuf buffer && buffer.readableBytes() >= offset + this.length) {
			int index = buffer.readerIndex() + offset;
			switch (this.length) {
				case 1 -> buffer.setByte(index, (int) id);
				case 2 -> buffer.setShort(index, (int) id);
				case 4 -> buffer.setInt(index, (int) id);
				default -> buffer.setLong(index, id);
			}
		}
		else if (request instanceof byte[] bytes && bytes.length >= offset + this.length) {
			for (int i = this.length - 1; i >= 0; i--) {
				bytes[offset + i] = (byte) (id >>> (8 * (this.length - 1 - i)));
			}
		}
		else {
			throw new IllegalArgumentException("Request " + describe(request) + " has no room for a sequence number of "
					+ this.length + " bytes at offset " + offset);
		}
	}

	private static String describe(Object message) {
		return (message instanceof byte[] bytes) ? "of " + bytes.length + " bytes"
				: (message instanceof ByteBuf buffer) ? "of " + buffer.readableBytes() + " bytes"
						: "of type " + message.getClass().getName();
	}

	@Override
	public String toString() {
		return (this.assigns ? "binary sequence" : "binary field") + " of " + this.length + " bytes at "
				+ this.requestOffset + " (requests) and " + this.replyOffset + " (replies)";
	}

}
