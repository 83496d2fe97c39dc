package dev.socketserver.codec;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Frames that are lines. Either {@code \n} or {@code \r\n} ends a received line (neither is part of it); sent
 * lines end with the configured delimiter. A line longer than the limit is refused as soon as that many bytes
 * arrived without a line end.
 *
 * @since 0.1.0
 */
public final class LineFraming implements Framing {

	private final int maxLineLength;

	private final LineDelimiter delimiter;

	/**
	 * Creates a line framing.
	 * @param maxLineLength the longest accepted line in bytes, delimiter excluded
	 * @param delimiter what ends sent lines
	 */
	public LineFraming(int maxLineLength, LineDelimiter delimiter) {
		if (maxLineLength <= 0) {
			throw new IllegalArgumentException("'maxLineLength' must be positive");
		}
		this.maxLineLength = maxLineLength;
		this.delimiter = Objects.requireNonNull(delimiter, "'delimiter' must not be null");
	}

	@Override
	public FrameDecoder newDecoder() {
		return new LineDecoder(this.maxLineLength);
	}

	@Override
	public int overhead() {
		return this.delimiter.bytes().length;
	}

	@Override
	public int beginFrame(ByteBuf out) {
		return out.writerIndex();
	}

	@Override
	public void endFrame(ByteBuf out, int frameStart) {
		out.writeBytes(this.delimiter.bytes());
	}

	@Override
	public String toString() {
		return "line framing (" + this.delimiter + ", max " + this.maxLineLength + " bytes)";
	}

	/**
	 * What ends a sent line.
	 */
	public enum LineDelimiter {

		/**
		 * {@code \n}.
		 */
		LF(new byte[] { '\n' }),

		/**
		 * {@code \r\n}.
		 */
		CRLF(new byte[] { '\r', '\n' });

		private final byte[] bytes;

		LineDelimiter(byte[] bytes) {
			this.bytes = bytes;
		}

		byte[] bytes() {
			return this.bytes;
		}

	}

	private static final class LineDecoder implements FrameDecoder {

		private final int maxLineLength;

		/** Bytes after the reader index already known to hold no line end; spares rescans of trickled input. */
		private int scanned;

		private int delimiterLength;

		LineDecoder(int maxLineLength) {
			this.maxLineLength = maxLineLength;
		}

		@Override
		public int nextFrame(ByteBuf in) {
			int start = in.readerIndex();
			int end = in.writerIndex();
			int lf = in.indexOf(start + this.scanned, end, (byte) '\n');
			if (lf < 0) {
				this.scanned = end - start;
				// One byte of slack: a line of exactly the maximum may still be waiting for the \n of its \r\n.
				if (this.scanned > this.maxLineLength + 1) {
					throw new TooLongFrameException("Line exceeds the maximum of " + this.maxLineLength + " bytes");
				}
				return INCOMPLETE;
			}
			this.scanned = 0;
			int length = lf - start;
			this.delimiterLength = 1;
			if (length > 0 && in.getByte(lf - 1) == '\r') {
				length--;
				this.delimiterLength = 2;
			}
			if (length > this.maxLineLength) {
				throw new TooLongFrameException(
						"Line of " + length + " bytes exceeds the maximum of " + this.maxLineLength);
			}
			return length;
		}

		@Override
		public void endFrame(ByteBuf in) {
			in.skipBytes(this.delimiterLength);
		}

	}

}
