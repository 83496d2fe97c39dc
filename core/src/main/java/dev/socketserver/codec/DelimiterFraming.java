package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Frames that end with a fixed byte sequence, which is not part of the payload. A frame longer than the limit is
 * refused as soon as that many bytes arrived without the delimiter.
 *
 * @since 0.1.0
 */
public final class DelimiterFraming implements Framing {

	private final byte[] delimiter;

	private final int maxFrameLength;

	/**
	 * Creates a delimiter framing.
	 * @param delimiter the bytes that end a frame, at least one
	 * @param maxFrameLength the longest accepted payload in bytes
	 */
	public DelimiterFraming(byte[] delimiter, int maxFrameLength) {
		if (delimiter.length == 0) {
			throw new IllegalArgumentException("'delimiter' must not be empty");
		}
		if (maxFrameLength <= 0) {
			throw new IllegalArgumentException("'maxFrameLength' must be positive");
		}
		this.delimiter = delimiter.clone();
		this.maxFrameLength = maxFrameLength;
	}

	@Override
	public FrameDecoder newDecoder() {
		return new DelimiterDecoder();
	}

	@Override
	public int overhead() {
		return this.delimiter.length;
	}

	@Override
	public int beginFrame(ByteBuf out) {
		return out.writerIndex();
	}

	@Override
	public void endFrame(ByteBuf out, int frameStart) {
		out.writeBytes(this.delimiter);
	}

	@Override
	public String toString() {
		return "delimiter framing (" + this.delimiter.length + "-byte delimiter, max " + this.maxFrameLength
				+ " bytes)";
	}

	private final class DelimiterDecoder implements FrameDecoder {

		/** Bytes after the reader index already known to hold no delimiter start. */
		private int scanned;

		@Override
		public int nextFrame(ByteBuf in) {
			byte[] delimiter = DelimiterFraming.this.delimiter;
			int start = in.readerIndex();
			int end = in.writerIndex();
			int from = start + this.scanned;
			while (true) {
				int candidate = in.indexOf(from, end, delimiter[0]);
				if (candidate < 0 || candidate + delimiter.length > end) {
					// A delimiter may straddle what has arrived so far: rescan its possible start next time.
					int safe = (candidate < 0) ? end - start : candidate - start;
					this.scanned = Math.max(0, safe);
					checkLength(this.scanned);
					return INCOMPLETE;
				}
				if (matches(in, candidate, delimiter)) {
					this.scanned = 0;
					int length = candidate - start;
					checkLength(length);
					return length;
				}
				from = candidate + 1;
			}
		}

		@Override
		public void endFrame(ByteBuf in) {
			in.skipBytes(DelimiterFraming.this.delimiter.length);
		}

		private void checkLength(int length) {
			if (length > DelimiterFraming.this.maxFrameLength) {
				throw new TooLongFrameException(
						"Frame exceeds the maximum of " + DelimiterFraming.this.maxFrameLength + " bytes");
			}
		}

		private static boolean matches(ByteBuf in, int index, byte[] delimiter) {
			for (int i = 1; i < delimiter.length; i++) {
				if (in.getByte(index + i) != delimiter[i]) {
					return false;
				}
			}
			return true;
		}

	}

}
