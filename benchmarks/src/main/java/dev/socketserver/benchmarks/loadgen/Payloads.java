package dev.socketserver.benchmarks.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Frames sent by the load generator and the check of their echoes. Each frame's payload is a window into a fixed
 * pseudo-random run of letters, placed by connection and sequence number, so that an echo that is corrupted,
 * truncated, reordered or crossed with another connection's fails the check.
 *
 * @since 0.1.0
 */
final class Payloads {

	/** Prime number of distinct windows; consecutive frames of one connection start 131 letters apart. */
	private static final int WINDOWS = 4093;

	private static final byte[] JSON_PREFIX = "{\"p\":\"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] JSON_SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

	private static final int JSON_OVERHEAD = JSON_PREFIX.length + JSON_SUFFIX.length;

	private static final ByteBuf JSON_PREFIX_BUFFER = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(JSON_PREFIX));

	private static final ByteBuf JSON_SUFFIX_BUFFER = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(JSON_SUFFIX));

	private final Protocol protocol;

	private final int payloadSize;

	private final ByteBuf pattern;

	/** The same letters, for comparisons that the JDK vectorizes. */
	private final ByteBuffer letters;

	Payloads(Protocol protocol, int payloadSize) {
		if (payloadSize < 1) {
			throw new IllegalArgumentException("'payloadSize' must be positive");
		}
		if (protocol == Protocol.JSON && payloadSize <= JSON_OVERHEAD) {
			throw new IllegalArgumentException("'payloadSize' of a JSON message must be over " + JSON_OVERHEAD);
		}
		this.protocol = protocol;
		this.payloadSize = payloadSize;
		byte[] letters = new byte[WINDOWS + payloadSize];
		SplittableRandom random = new SplittableRandom(0x5eed);
		for (int i = 0; i < letters.length; i++) {
			// Letters only: never a line end, and readable when a check fails.
			letters[i] = (byte) ('a' + random.nextInt(26));
		}
		this.pattern = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(letters));
		this.letters = ByteBuffer.wrap(letters).asReadOnlyBuffer();
	}

	int payloadSize() {
		return this.payloadSize;
	}

	/**
	 * Returns the frame a connection sends as its {@code sequence}-th message.
	 */
	ByteBuf frame(ByteBufAllocator allocator, long connection, long sequence) {
		int offset = offset(connection, sequence);
		if (this.protocol == Protocol.LENGTH) {
			ByteBuf frame = allocator.ioBuffer(4 + this.payloadSize);
			frame.writeInt(this.payloadSize);
			return frame.writeBytes(this.pattern, offset, this.payloadSize);
		}
		ByteBuf frame = allocator.ioBuffer(this.payloadSize + 1);
		if (this.protocol == Protocol.JSON) {
			frame.writeBytes(JSON_PREFIX)
				.writeBytes(this.pattern, offset, this.payloadSize - JSON_OVERHEAD)
				.writeBytes(JSON_SUFFIX);
		}
		else {
			frame.writeBytes(this.pattern, offset, this.payloadSize);
		}
		return frame.writeByte('\n');
	}

	/**
	 * Returns whether a decoded echo (header or line end removed) is exactly the payload of the given frame.
	 */
	boolean verify(ByteBuf echo, long connection, long sequence) {
		if (echo.readableBytes() != this.payloadSize) {
			return false;
		}
		int start = echo.readerIndex();
		if (this.protocol != Protocol.JSON) {
			return sameLetters(echo, start, offset(connection, sequence), this.payloadSize);
		}
		int letters = this.payloadSize - JSON_OVERHEAD;
		return ByteBufUtil.equals(echo, start, JSON_PREFIX_BUFFER, 0, JSON_PREFIX.length)
				&& sameLetters(echo, start + JSON_PREFIX.length, offset(connection, sequence), letters)
				&& ByteBufUtil.equals(echo, start + JSON_PREFIX.length + letters, JSON_SUFFIX_BUFFER, 0,
						JSON_SUFFIX.length);
	}

	/**
	 * Compares a region of an echo with the pattern. The client must cost as little per byte as it can, or the
	 * throughput of large frames measures the client: {@code ByteBuffer.equals} compares a vector at a time,
	 * where {@code ByteBufUtil.equals} checks the buffer's reference count on every long.
	 */
	private boolean sameLetters(ByteBuf echo, int start, int offset, int length) {
		if (echo.nioBufferCount() != 1) {
			return ByteBufUtil.equals(echo, start, this.pattern, offset, length);
		}
		ByteBuffer expected = this.letters.duplicate();
		expected.limit(offset + length).position(offset);
		return echo.nioBuffer(start, length).equals(expected);
	}

	/**
	 * Describes how an echo differs from what was expected, for the error report.
	 */
	String describeMismatch(ByteBuf echo, long connection, long sequence) {
		int offset = offset(connection, sequence);
		String expected = ((this.protocol == Protocol.JSON) ? new String(JSON_PREFIX, StandardCharsets.US_ASCII) : "")
				+ this.pattern.toString(offset, Math.min(this.payloadSize, 24), StandardCharsets.ISO_8859_1);
		String actual = echo.toString(echo.readerIndex(), Math.min(echo.readableBytes(), 24),
				StandardCharsets.ISO_8859_1);
		return "message " + sequence + " of connection " + connection + ": expected " + this.payloadSize
				+ " bytes '" + expected + "...', got " + echo.readableBytes() + " bytes '" + actual + "...'";
	}

	/**
	 * Returns a decoder of echoed frames; it accepts frames larger than sent so that the check, not the decoder,
	 * reports a wrong size.
	 */
	ChannelHandler newFrameDecoder() {
		int max = Math.max(2 * this.payloadSize, 1024);
		if (this.protocol == Protocol.LENGTH) {
			return new LengthFieldBasedFrameDecoder(max, 0, 4, 0, 4);
		}
		return new LineBasedFrameDecoder(max);
	}

	private static int offset(long connection, long sequence) {
		return (int) Math.floorMod(connection * 7919 + sequence * 131, (long) WINDOWS);
	}

}
