package dev.socketserver.demo.resp;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.ByteProcessor;

/**
 * Splits an inline command line into arguments as Redis's {@code sdssplitargs} does: spaces separate, double
 * quotes allow {@code \n \r \t \b \a \\ \"} and {@code \xHH} escapes, single quotes allow {@code \'}.
 * <p>
 * One per connection (not thread-safe): unquoted lines, which is what clients send, are split without copying the
 * line, into a scratch array kept between lines, so a command costs only its exact spans array (none for a
 * short single word such as {@code PING}).
 */
final class InlineCommandParser implements ByteProcessor {

	private static final int INITIAL_SPANS = 16;

	/** A scratch array grown by a hostile line of many words is dropped, not kept for the connection's life. */
	private static final int MAX_KEPT_SPANS = 256;

	/**
	 * Spans of a line that is one word from its first byte ({@code PING}, {@code QUIT}), shared by every command:
	 * a command never changes its spans.
	 */
	private static final int[][] SINGLE_WORDS = new int[33][];

	static {
		for (int length = 0; length < SINGLE_WORDS.length; length++) {
			SINGLE_WORDS[length] = new int[] { 0, length };
		}
	}

	/** Start (relative to the line) and length of each word found so far, in pairs; reused for every line. */
	private int[] spans = new int[INITIAL_SPANS];

	private int count;

	private int position;

	private int wordStart;

	private boolean quoted;

	/**
	 * Parses {@code [start, end)} of {@code buffer} into a command, or returns {@code blank} if the line holds no
	 * argument. Without quotes the line is split in one scan of {@code buffer}, where the arguments stay; with
	 * quotes they are unescaped into a buffer of their own.
	 * @throws CorruptedFrameException on unbalanced quotes
	 */
	RespCommand parse(ByteBuf buffer, int start, int end, RespCommand blank) {
		this.count = 0;
		this.position = 0;
		this.wordStart = -1;
		this.quoted = false;
		if (end > start) {
			buffer.forEachByte(start, end - start, this);
		}
		if (this.quoted) {
			byte[] line = new byte[end - start];
			buffer.getBytes(start, line);
			return unquote(line, blank);
		}
		if (this.wordStart >= 0) {
			addSpan(this.wordStart, this.position - this.wordStart);
		}
		if (this.count == 0) {
			return blank;
		}
		int[] spans = (this.count == 1 && this.spans[0] == 0 && this.spans[1] < SINGLE_WORDS.length)
				? SINGLE_WORDS[this.spans[1]] : Arrays.copyOf(this.spans, this.count * 2);
		if (this.spans.length > MAX_KEPT_SPANS) {
			this.spans = new int[INITIAL_SPANS];
		}
		return new RespCommand(buffer.retain(), start, spans, this.count);
	}

	@Override
	public boolean process(byte value) {
		if (value == '"' || value == '\'') {
			this.quoted = true;
			return false;
		}
		if (isSpace(value)) {
			if (this.wordStart >= 0) {
				addSpan(this.wordStart, this.position - this.wordStart);
				this.wordStart = -1;
			}
		}
		else if (this.wordStart < 0) {
			this.wordStart = this.position;
		}
		this.position++;
		return true;
	}

	private void addSpan(int start, int length) {
		int index = this.count * 2;
		if (index == this.spans.length) {
			this.spans = Arrays.copyOf(this.spans, this.spans.length * 2);
		}
		this.spans[index] = start;
		this.spans[index + 1] = length;
		this.count++;
	}

	private static RespCommand unquote(byte[] line, RespCommand blank) {
		ByteBuf args = Unpooled.buffer(line.length);
		int[] spans = new int[8];
		int count = 0;
		int index = 0;
		try {
			while (true) {
				while (index < line.length && isSpace(line[index])) {
					index++;
				}
				if (index == line.length) {
					break;
				}
				int argStart = args.writerIndex();
				index = readArgument(line, index, args);
				if (count * 2 == spans.length) {
					spans = Arrays.copyOf(spans, spans.length * 2);
				}
				spans[count * 2] = argStart;
				spans[count * 2 + 1] = args.writerIndex() - argStart;
				count++;
			}
		}
		catch (RuntimeException ex) {
			args.release();
			throw ex;
		}
		if (count == 0) {
			args.release();
			return blank;
		}
		return new RespCommand(args, 0, spans, count);
	}

	/**
	 * Reads one argument, possibly quoted, into {@code out}, returning the index after it.
	 */
	private static int readArgument(byte[] line, int from, ByteBuf out) {
		int end = line.length;
		int index = from;
		boolean doubleQuoted = false;
		boolean singleQuoted = false;
		while (true) {
			if (doubleQuoted) {
				if (index == end) {
					throw unbalanced();
				}
				byte current = line[index];
				if (current == '\\' && index + 3 < end && line[index + 1] == 'x' && hexValue(line[index + 2]) >= 0
						&& hexValue(line[index + 3]) >= 0) {
					out.writeByte(hexValue(line[index + 2]) * 16 + hexValue(line[index + 3]));
					index += 4;
				}
				else if (current == '\\' && index + 1 < end) {
					out.writeByte(unescape(line[index + 1]));
					index += 2;
				}
				else if (current == '"') {
					return closeQuote(line, index + 1);
				}
				else {
					out.writeByte(current);
					index++;
				}
			}
			else if (singleQuoted) {
				if (index == end) {
					throw unbalanced();
				}
				byte current = line[index];
				if (current == '\\' && index + 1 < end && line[index + 1] == '\'') {
					out.writeByte('\'');
					index += 2;
				}
				else if (current == '\'') {
					return closeQuote(line, index + 1);
				}
				else {
					out.writeByte(current);
					index++;
				}
			}
			else {
				if (index == end || isSpace(line[index])) {
					return index;
				}
				byte current = line[index];
				if (current == '"') {
					doubleQuoted = true;
				}
				else if (current == '\'') {
					singleQuoted = true;
				}
				else {
					out.writeByte(current);
				}
				index++;
			}
		}
	}

	/**
	 * A closing quote must be followed by a space or the end of the line, as in Redis.
	 */
	private static int closeQuote(byte[] line, int next) {
		if (next < line.length && !isSpace(line[next])) {
			throw unbalanced();
		}
		return next;
	}

	private static int unescape(byte escaped) {
		return switch (escaped) {
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'b' -> '\b';
			case 'a' -> 7;
			default -> escaped;
		};
	}

	private static int hexValue(byte digit) {
		if (digit >= '0' && digit <= '9') {
			return digit - '0';
		}
		int lower = digit | 0x20;
		return (lower >= 'a' && lower <= 'f') ? lower - 'a' + 10 : -1;
	}

	private static boolean isSpace(byte value) {
		return value == ' ' || value == '\t' || value == '\n' || value == '\r' || value == 0x0b || value == '\f';
	}

	private static CorruptedFrameException unbalanced() {
		return new CorruptedFrameException("unbalanced quotes in request");
	}

}
