package dev.socketserver.benchmarks.loadgen;

import java.util.Locale;

/**
 * Framing spoken by the load generator, as served by the demo application and the baseline.
 *
 * @since 0.1.0
 */
public enum Protocol {

	/**
	 * 4-byte big-endian length prefix (not counting itself), then the payload.
	 */
	LENGTH,

	/**
	 * Payload ended by {@code \n}.
	 */
	LINE,

	/**
	 * A compact JSON object ended by {@code \n}: {@code {"p":"letters"}}, the whole object as long as the payload
	 * size. A server that parses it to a tree and writes the tree back sends the same bytes.
	 */
	JSON;

	/**
	 * Parses a protocol name.
	 * @param name {@code length} (or {@code length-field}), {@code line} or {@code json}
	 * @return the protocol
	 */
	public static Protocol parse(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT);
		return switch (normalized) {
			case "length", "length-field", "length_field" -> LENGTH;
			case "line" -> LINE;
			case "json" -> JSON;
			default -> throw new IllegalArgumentException("Unknown protocol '" + name + "' (length, line, json)");
		};
	}

}
