package dev.socketserver.test.client;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.jspecify.annotations.Nullable;

/**
 * How messages are compared and shown in failure messages: bytes by content and in hex, strings quoted with their
 * control characters visible, other values as their {@code toString()} with their type when types differ.
 */
final class Messages {

	/** Enough to recognise a frame without flooding the report with a megabyte of hex. */
	private static final int MAX_SHOWN_BYTES = 64;

	private Messages() {
	}

	static boolean matches(@Nullable Object expected, @Nullable Object actual) {
		return Objects.deepEquals(expected, actual);
	}

	/**
	 * Returns a received message as the test should see it: a buffer is copied to a byte array and released, so
	 * that no test has to release what the client decoded.
	 */
	static Object detach(Object message) {
		if (message instanceof ByteBuf buffer) {
			try {
				return ByteBufUtil.getBytes(buffer);
			}
			finally {
				buffer.release();
			}
		}
		return message;
	}

	static String mismatch(Object expected, Object actual) {
		boolean sameType = expected.getClass() == actual.getClass();
		return "Expected message " + describe(expected, !sameType) + "\n but received " + describe(actual, !sameType);
	}

	static String describe(@Nullable Object message) {
		return describe(message, false);
	}

	private static String describe(@Nullable Object message, boolean withType) {
		if (message == null) {
			return "null";
		}
		if (message instanceof byte[] bytes) {
			return bytes(bytes, bytes.length);
		}
		String text = (message instanceof String string) ? quote(string) : String.valueOf(message);
		return withType ? text + " (" + message.getClass().getName() + ")" : text;
	}

	/**
	 * Describes the first bytes of a longer sequence: its length, hex and the printable characters.
	 */
	static String bytes(byte[] bytes, int length) {
		int shown = Math.min(length, MAX_SHOWN_BYTES);
		StringBuilder hex = new StringBuilder(shown * 3);
		StringBuilder text = new StringBuilder(shown);
		for (int i = 0; i < shown; i++) {
			int b = bytes[i] & 0xff;
			if (i > 0) {
				hex.append(' ');
			}
			hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
			text.append((b >= 0x20 && b < 0x7f) ? (char) b : '.');
		}
		String more = (length > shown) ? " ..." : "";
		return length + " bytes [" + hex + more + "] \"" + text + more + "\"";
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
