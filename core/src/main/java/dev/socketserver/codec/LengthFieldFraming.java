package dev.socketserver.codec;

import java.nio.ByteOrder;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Frames carrying their length in a header field, with the semantics of Netty's
 * {@code LengthFieldBasedFrameDecoder}: the whole frame is {@code lengthFieldOffset + lengthFieldLength +
 * lengthValue + lengthAdjustment} bytes long. A frame longer than {@code maxFrameLength} is refused as soon as its
 * header has arrived, so a peer announcing 4 GiB costs nothing.
 * <p>
 * When the header is stripped, handlers see only what follows the length field and the encoder writes the
 * field; otherwise handlers see the whole frame and the encoder fills in the length field of the frame they
 * write.
 *
 * @since 0.1.0
 */
public final class LengthFieldFraming implements Framing, FrameDecoder {

	private final int lengthFieldLength;

	private final int lengthFieldOffset;

	private final int lengthAdjustment;

	private final ByteOrder byteOrder;

	private final int maxFrameLength;

	private final boolean stripHeader;

	private final int headerLength;

	private LengthFieldFraming(Builder builder) {
		this.lengthFieldLength = builder.lengthFieldLength;
		this.lengthFieldOffset = builder.lengthFieldOffset;
		this.lengthAdjustment = builder.lengthAdjustment;
		this.byteOrder = builder.byteOrder;
		this.maxFrameLength = builder.maxFrameLength;
		this.stripHeader = builder.stripHeader;
		this.headerLength = this.lengthFieldOffset + this.lengthFieldLength;
		if (this.stripHeader && this.lengthFieldOffset != 0) {
			throw new IllegalArgumentException(
					"'stripHeader' needs 'lengthFieldOffset' 0, otherwise the bytes before the length field are lost");
		}
		if (this.maxFrameLength < this.headerLength) {
			throw new IllegalArgumentException("'maxFrameLength' (" + this.maxFrameLength
					+ ") must be at least the header length (" + this.headerLength + ")");
		}
	}

	/**
	 * Starts building a length-field framing. Defaults: 4-byte big-endian length at offset 0 counting only what
	 * follows it, header stripped, frames of at most 1 MiB.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public FrameDecoder newDecoder() {
		return this;
	}

	@Override
	public int overhead() {
		return this.stripHeader ? this.lengthFieldLength : 0;
	}

	@Override
	public int nextFrame(ByteBuf in) {
		if (in.readableBytes() < this.headerLength) {
			return INCOMPLETE;
		}
		long length = readLength(in, in.readerIndex() + this.lengthFieldOffset);
		if (length < 0) {
			throw new CorruptedFrameException("Negative length field: " + length);
		}
		long frameLength = length + this.lengthAdjustment + this.headerLength;
		if (frameLength < this.headerLength) {
			throw new CorruptedFrameException(
					"Frame length " + frameLength + " is shorter than the header (" + this.headerLength + ")");
		}
		if (frameLength > this.maxFrameLength) {
			throw new TooLongFrameException(
					"Frame length " + frameLength + " exceeds the maximum of " + this.maxFrameLength);
		}
		if (in.readableBytes() < frameLength) {
			return INCOMPLETE;
		}
		if (this.stripHeader) {
			in.skipBytes(this.headerLength);
			return (int) frameLength - this.headerLength;
		}
		return (int) frameLength;
	}

	@Override
	public int beginFrame(ByteBuf out) {
		int start = out.writerIndex();
		if (this.stripHeader) {
			out.writeZero(this.lengthFieldLength);
		}
		return start;
	}

	@Override
	public void endFrame(ByteBuf out, int frameStart) {
		writeLengthField(out, frameStart, out.writerIndex() - frameStart);
	}

	/**
	 * Writes the whole header of a frame whose payload, of the given length, follows in a buffer of its own.
	 */
	void writeHeader(ByteBuf out, int payloadLength) {
		int start = beginFrame(out);
		writeLengthField(out, start, (long) out.writerIndex() - start + payloadLength);
	}

	private void writeLengthField(ByteBuf out, int frameStart, long frameLength) {
		if (frameLength < this.headerLength) {
			throw new EncoderException(
					"Frame of " + frameLength + " bytes is shorter than its header (" + this.headerLength + ")");
		}
		long length = frameLength - this.lengthAdjustment - this.headerLength;
		if (length < 0 || (this.lengthFieldLength < 8 && length >= (1L << (this.lengthFieldLength * 8)))) {
			throw new EncoderException(
					"Length " + length + " does not fit a " + this.lengthFieldLength + "-byte length field");
		}
		writeLength(out, frameStart + this.lengthFieldOffset, length);
	}

	private long readLength(ByteBuf in, int index) {
		boolean big = this.byteOrder == ByteOrder.BIG_ENDIAN;
		return switch (this.lengthFieldLength) {
			case 1 -> in.getUnsignedByte(index);
			case 2 -> big ? in.getUnsignedShort(index) : in.getUnsignedShortLE(index);
			case 3 -> big ? in.getUnsignedMedium(index) : in.getUnsignedMediumLE(index);
			case 4 -> big ? in.getUnsignedInt(index) : in.getUnsignedIntLE(index);
			default -> big ? in.getLong(index) : in.getLongLE(index);
		};
	}

	private void writeLength(ByteBuf out, int index, long length) {
		boolean big = this.byteOrder == ByteOrder.BIG_ENDIAN;
		switch (this.lengthFieldLength) {
			case 1 -> out.setByte(index, (int) length);
			case 2 -> {
				if (big) {
					out.setShort(index, (int) length);
				}
				else {
					out.setShortLE(index, (int) length);
				}
			}
			case 3 -> {
				if (big) {
					out.setMedium(index, (int) length);
				}
				else {
					out.setMediumLE(index, (int) length);
				}
			}
			case 4 -> {
				if (big) {
					out.setInt(index, (int) length);
				}
				else {
					out.setIntLE(index, (int) length);
				}
			}
			default -> {
				if (big) {
					out.setLong(index, length);
				}
				else {
					out.setLongLE(index, length);
				}
			}
		}
	}

	@Override
	public String toString() {
		return "length-field framing (" + this.lengthFieldLength + "-byte " + this.byteOrder + " length at offset "
				+ this.lengthFieldOffset + ", max " + this.maxFrameLength + " bytes)";
	}

	/**
	 * Builder of {@link LengthFieldFraming}.
	 */
	public static final class Builder {

		private int lengthFieldLength = 4;

		private int lengthFieldOffset;

		private int lengthAdjustment;

		private ByteOrder byteOrder = ByteOrder.BIG_ENDIAN;

		private int maxFrameLength = 1024 * 1024;

		private boolean stripHeader = true;

		private Builder() {
		}

		/**
		 * Sets the size of the length field.
		 * @param lengthFieldLength 1, 2, 3, 4 or 8 bytes
		 * @return this builder
		 */
		public Builder lengthFieldLength(int lengthFieldLength) {
			if (lengthFieldLength < 1 || lengthFieldLength > 8 || (lengthFieldLength > 4 && lengthFieldLength < 8)) {
				throw new IllegalArgumentException(
						"'lengthFieldLength' must be 1, 2, 3, 4 or 8, not " + lengthFieldLength);
			}
			this.lengthFieldLength = lengthFieldLength;
			return this;
		}

		/**
		 * Sets where the length field starts in the frame.
		 * @param lengthFieldOffset the offset in bytes, 0 or more
		 * @return this builder
		 */
		public Builder lengthFieldOffset(int lengthFieldOffset) {
			if (lengthFieldOffset < 0) {
				throw new IllegalArgumentException("'lengthFieldOffset' must not be negative");
			}
			this.lengthFieldOffset = lengthFieldOffset;
			return this;
		}

		/**
		 * Sets what to add to the length field's value to get the length of what follows the field; for example
		 * -4 when a 4-byte value counts itself.
		 * @param lengthAdjustment the adjustment in bytes
		 * @return this builder
		 */
		public Builder lengthAdjustment(int lengthAdjustment) {
			this.lengthAdjustment = lengthAdjustment;
			return this;
		}

		/**
		 * Sets the byte order of the length field.
		 * @param byteOrder the byte order
		 * @return this builder
		 */
		public Builder byteOrder(ByteOrder byteOrder) {
			this.byteOrder = Objects.requireNonNull(byteOrder, "'byteOrder' must not be null");
			return this;
		}

		/**
		 * Sets the largest accepted frame, header included.
		 * @param maxFrameLength the limit in bytes
		 * @return this builder
		 */
		public Builder maxFrameLength(int maxFrameLength) {
			if (maxFrameLength <= 0) {
				throw new IllegalArgumentException("'maxFrameLength' must be positive");
			}
			this.maxFrameLength = maxFrameLength;
			return this;
		}

		/**
		 * Sets whether handlers see frames without their header.
		 * @param stripHeader whether to strip the header
		 * @return this builder
		 */
		public Builder stripHeader(boolean stripHeader) {
			this.stripHeader = stripHeader;
			return this;
		}

		/**
		 * Builds the framing.
		 * @return the framing
		 */
		public LengthFieldFraming build() {
			return new LengthFieldFraming(this);
		}

	}

}
