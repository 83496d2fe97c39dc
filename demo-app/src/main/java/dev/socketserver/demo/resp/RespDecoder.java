package dev.socketserver.demo.resp;

import java.util.Arrays;

import dev.socketserver.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ByteProcessor;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the commands of one connection as a Redis server reads them: arrays of bulk strings
 * ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) or inline lines ({@code GET k\r\n}, as telnet and {@code nc} send).
 * <p>
 * Every size a client declares is checked against {@link RespLimits} before the bytes behind it are buffered, and
 * storage grows with the bytes that actually arrived, never with a declared count. A command that arrives in many
 * reads is parsed once: the progress is kept, relative to the reader index, between calls.
 * <p>
 * A command holds a reference to the buffer it was read from; the server releases it once the handler returns.
 */
final class RespDecoder implements MessageDecoder<RedisMessage> {

	/** Returned internally for input that holds no command ({@code *0}, blank lines): decoding goes on. */
	private static final RespCommand SKIPPED = new RespCommand(Unpooled.EMPTY_BUFFER, 0, new int[0], 0);

	private static final int[] NO_SPANS = {};

	private static final int INITIAL_ARGUMENTS = 8;

	private static final short CRLF = ('\r' << 8) | '\n';

	private final RespLimits limits;

	private final LengthParser length = new LengthParser();

	private final InlineCommandParser inline = new InlineCommandParser();

	/** Arguments declared by the array being decoded, or -1 between commands. */
	private int expected = -1;

	private int decoded;

	/** Offset from the reader index of the next argument's header. */
	private int position;

	private int[] spans = NO_SPANS;

	RespDecoder(RespLimits limits) {
		this.limits = limits;
	}

	/**
	 * Decodes the next command from {@code in}, advancing its reader index past it.
	 * @return the command, or {@code null} if {@code in} does not hold a whole one yet
	 * @throws TooLongFrameException if the command exceeds a limit
	 * @throws CorruptedFrameException if the input is not RESP
	 */
	@Override
	public @Nullable RespCommand decode(ByteBuf in) {
		while (in.isReadable()) {
			RespCommand command = (in.getByte(in.readerIndex()) == '*') ? decodeArray(in) : decodeInline(in);
			if (command != SKIPPED) {
				return command;
			}
		}
		return null;
	}

	private @Nullable RespCommand decodeArray(ByteBuf in) {
		int base = in.readerIndex();
		int end = in.writerIndex();
		if (this.expected < 0) {
			int lineEnd = parseLine(in, base + 1, end, "invalid multibulk length");
			if (lineEnd < 0) {
				return null;
			}
			long count = this.length.value();
			if (count > this.limits.maxArguments()) {
				throw new TooLongFrameException(
						"command of " + count + " arguments (limit " + this.limits.maxArguments() + ")");
			}
			if (count <= 0) {
				in.readerIndex(lineEnd + 2);
				return SKIPPED;
			}
			this.expected = (int) count;
			this.decoded = 0;
			this.position = lineEnd + 2 - base;
			this.spans = new int[2 * Math.min(this.expected, INITIAL_ARGUMENTS)];
		}
		while (this.decoded < this.expected) {
			int header = base + this.position;
			if (header >= end) {
				return null;
			}
			byte type = in.getByte(header);
			if (type != '$') {
				throw new CorruptedFrameException("expected '$', got '" + printable(type) + "'");
			}
			int lineEnd = parseLine(in, header + 1, end, "invalid bulk length");
			if (lineEnd < 0) {
				return null;
			}
			long length = this.length.value();
			if (length < 0) {
				throw new CorruptedFrameException("invalid bulk length");
			}
			if (length > this.limits.maxBulkLength()) {
				throw new TooLongFrameException(
						"argument of " + length + " bytes (limit " + this.limits.maxBulkLength() + ")");
			}
			int start = lineEnd + 2 - base;
			long next = start + length + 2;
			if (next > this.limits.maxCommandLength()) {
				throw new TooLongFrameException(
						"command longer than " + this.limits.maxCommandLength() + " bytes");
			}
			if (base + next > end) {
				return null;
			}
			int terminator = base + (int) next - 2;
			if (in.getShort(terminator) != CRLF) {
				throw new CorruptedFrameException("bulk string not terminated by CRLF");
			}
			addSpan(start, (int) length);
			this.position = (int) next;
		}
		RespCommand command = new RespCommand(in.retain(), base, this.spans, this.expected);
		in.readerIndex(base + this.position);
		this.expected = -1;
		this.spans = NO_SPANS;
		return command;
	}

	private void addSpan(int start, int length) {
		int index = this.decoded << 1;
		if (index == this.spans.length) {
			this.spans = Arrays.copyOf(this.spans, Math.min(this.spans.length * 2, this.expected * 2));
		}
		this.spans[index] = start;
		this.spans[index + 1] = length;
		this.decoded++;
	}

	private @Nullable RespCommand decodeInline(ByteBuf in) {
		int base = in.readerIndex();
		int searchEnd = Math.min(in.writerIndex(), base + this.limits.maxInlineLength() + 1);
		// A processor scans short lines faster than indexOf, which is tuned for long searches.
		int newline = in.forEachByte(base, searchEnd - base, ByteProcessor.FIND_LF);
		if (newline < 0) {
			if (in.writerIndex() - base > this.limits.maxInlineLength()) {
				throw new TooLongFrameException(
						"inline command longer than " + this.limits.maxInlineLength() + " bytes");
			}
			return null;
		}
		int lineEnd = (newline > base && in.getByte(newline - 1) == '\r') ? newline - 1 : newline;
		in.readerIndex(newline + 1);
		return this.inline.parse(in, base, lineEnd, SKIPPED);
	}

	/**
	 * Parses the number of a length line ({@code *3\r\n}, {@code $5\r\n}) starting at {@code from} into
	 * {@link #length}, in one pass over the bytes.
	 * @return the index of its CR, or -1 if the line has not fully arrived
	 */
	private int parseLine(ByteBuf in, int from, int end, String error) {
		LengthParser parser = this.length;
		parser.reset();
		int cr = in.forEachByte(from, Math.min(end, from + RespNumbers.MAX_LONG_LENGTH + 1) - from, parser);
		if (parser.invalid) {
			throw new CorruptedFrameException(error);
		}
		if (cr < 0) {
			if (end - from > RespNumbers.MAX_LONG_LENGTH) {
				throw new CorruptedFrameException(error);
			}
			return -1;
		}
		if (cr + 1 >= end) {
			return -1;
		}
		if (in.getByte(cr + 1) != '\n' || parser.digits == 0) {
			throw new CorruptedFrameException(error);
		}
		return cr;
	}

	private static String printable(byte value) {
		return (value >= 0x20 && value < 0x7f) ? String.valueOf((char) value) : String.format("\\x%02x", value);
	}

	/**
	 * Reads the decimal of a length line up to its CR with the rules of Redis's {@code string2ll} (an optional
	 * minus, no leading zeros). Lengths beyond 18 digits exceed every limit, so they need not be exact.
	 */
	private static final class LengthParser implements ByteProcessor {

		private long value;

		private int digits;

		private boolean negative;

		private boolean invalid;

		void reset() {
			this.value = 0;
			this.digits = 0;
			this.negative = false;
			this.invalid = false;
		}

		long value() {
			return this.negative ? -this.value : this.value;
		}

		@Override
		public boolean process(byte value) {
			if (value == '\r') {
				return false;
			}
			if (value == '-' && this.digits == 0 && !this.negative) {
				this.negative = true;
				return true;
			}
			int digit = value - '0';
			if (digit < 0 || digit > 9 || (this.digits == 1 && this.value == 0)
					|| (digit == 0 && this.digits == 0 && this.negative)) {
				this.invalid = true;
				return false;
			}
			this.value = (this.digits < 18) ? this.value * 10 + digit : Long.MAX_VALUE;
			this.digits++;
			return true;
		}

	}

}
