package dev.socketserver.demo.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Decimal numbers and ASCII keywords as Redis reads and writes them.
 */
final class RespNumbers {

	/** Digits of {@link Long#MIN_VALUE}, its sign included. */
	static final int MAX_LONG_LENGTH = 20;

	private RespNumbers() {
	}

	/**
	 * Parses a signed decimal as Redis's {@code string2ll} does: an optional leading minus, no leading zeros,
	 * nothing else, within 64 bits.
	 * @throws RespException if the bytes are not such a number
	 */
	static long parseLong(ByteBuf buffer, int start, int length) {
		if (length == 0 || length > MAX_LONG_LENGTH) {
			throw new RespException(RespException.NOT_AN_INTEGER);
		}
		int index = start;
		int end = start + length;
		boolean negative = buffer.getByte(index) == '-';
		if (negative && ++index == end) {
			throw new RespException(RespException.NOT_AN_INTEGER);
		}
		byte first = buffer.getByte(index);
		if (first == '0') {
			if (length == 1) {
				return 0;
			}
			throw new RespException(RespException.NOT_AN_INTEGER);
		}
		// Accumulate negatively so that Long.MIN_VALUE parses too.
		long value = 0;
		for (; index < end; index++) {
			int digit = buffer.getByte(index) - '0';
			if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
				throw new RespException(RespException.NOT_AN_INTEGER);
			}
			value = value * 10 - digit;
		}
		if (!negative) {
			if (value == Long.MIN_VALUE) {
				throw new RespException(RespException.NOT_AN_INTEGER);
			}
			return -value;
		}
		return value;
	}

	/**
	 * Parses a stored value as a signed decimal, with the rules of {@link #parseLong(ByteBuf, int, int)}.
	 * @throws RespException if the value is not such a number
	 */
	static long parseLong(byte[] bytes) {
		return parseLong(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
	}

	/**
	 * Returns the ASCII decimal form of a number.
	 */
	static byte[] toBytes(long value) {
		byte[] bytes = new byte[length(value)];
		int index = bytes.length;
		long rest = value;
		do {
			bytes[--index] = (byte) ('0' + Math.abs(rest % 10));
			rest /= 10;
		}
		while (rest != 0);
		if (value < 0) {
			bytes[0] = '-';
		}
		return bytes;
	}

	/**
	 * Appends the ASCII decimal form of a number, without allocating.
	 */
	static void writeDecimal(ByteBuf out, long value) {
		int length = length(value);
		int end = out.writerIndex() + length;
		out.ensureWritable(length);
		int index = end;
		long rest = value;
		do {
			out.setByte(--index, (int) ('0' + Math.abs(rest % 10)));
			rest /= 10;
		}
		while (rest != 0);
		if (value < 0) {
			out.setByte(index - 1, '-');
		}
		out.writerIndex(end);
	}

	private static int length(long value) {
		int length = (value < 0) ? 2 : 1;
		long rest = value / 10;
		while (rest != 0) {
			length++;
			rest /= 10;
		}
		return length;
	}

	/**
	 * Returns whether a byte equals a lower-case ASCII character, ignoring the case of letters.
	 */
	static boolean equalsIgnoreCase(byte actual, byte lowerCase) {
		return actual == lowerCase || (lowerCase >= 'a' && lowerCase <= 'z' && (actual | 0x20) == lowerCase);
	}

}
