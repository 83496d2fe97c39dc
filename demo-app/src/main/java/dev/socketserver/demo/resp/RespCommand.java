package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.AbstractReferenceCounted;

/**
 * One client command as received: its arguments (the command name first) are ranges of a single buffer, so a
 * command costs no copy and no object per argument. Released by the server once its handler returns.
 */
final class RespCommand extends AbstractReferenceCounted implements RedisMessage {

	private final ByteBuf buffer;

	private final int base;

	/** Start (relative to {@link #base}) and length of each argument, in pairs. */
	private final int[] spans;

	private final int count;

	/**
	 * Creates a command that takes over one reference to {@code buffer}.
	 */
	RespCommand(ByteBuf buffer, int base, int[] spans, int count) {
		this.buffer = buffer;
		this.base = base;
		this.spans = spans;
		this.count = count;
	}

	/**
	 * Returns the number of arguments, the command name included.
	 */
	int count() {
		return this.count;
	}

	int length(int index) {
		return this.spans[(index << 1) + 1];
	}

	private int start(int index) {
		return this.base + this.spans[index << 1];
	}

	/**
	 * Returns a copy of an argument.
	 */
	byte[] bytes(int index) {
		return ByteBufUtil.getBytes(this.buffer, start(index), length(index), true);
	}

	/**
	 * Returns an argument as text, for names and error messages.
	 */
	String string(int index) {
		return this.buffer.toString(start(index), length(index), StandardCharsets.UTF_8);
	}

	/**
	 * Appends an argument to {@code out}.
	 */
	void writeTo(int index, ByteBuf out) {
		out.writeBytes(this.buffer, start(index), length(index));
	}

	/**
	 * Returns whether an argument equals a lower-case ASCII word, ignoring case as Redis does for keywords.
	 */
	boolean is(int index, byte[] lowerCaseWord) {
		int length = length(index);
		if (length != lowerCaseWord.length) {
			return false;
		}
		int start = start(index);
		for (int i = 0; i < length; i++) {
			if (!RespNumbers.equalsIgnoreCase(this.buffer.getByte(start + i), lowerCaseWord[i])) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parses an argument as a signed 64-bit decimal with the strictness of Redis (no sign other than a leading
	 * minus, no leading zeros, no spaces).
	 * @throws RespException if it is not such a number
	 */
	long toLong(int index) {
		return RespNumbers.parseLong(this.buffer, start(index), length(index));
	}

	@Override
	public RespCommand touch(Object hint) {
		this.buffer.touch(hint);
		return this;
	}

	@Override
	protected void deallocate() {
		this.buffer.release();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("RespCommand[");
		for (int i = 0; i < this.count; i++) {
			text.append((i > 0) ? " " : "").append(string(i));
		}
		return text.append(']').toString();
	}

}
