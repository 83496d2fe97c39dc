package dev.socketserver.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable line a benchmark tool prints last: {@code RESULT key=value key=value ...}, values without
 * spaces. The runner reads it; people read the report above it.
 *
 * @since 0.1.0
 */
public final class ResultLine {

	/**
	 * Prefix of the line.
	 */
	public static final String PREFIX = "RESULT ";

	private ResultLine() {
	}

	/**
	 * Formats figures as a result line.
	 * @param values figures in order; spaces in values are replaced by underscores
	 * @return the line
	 */
	public static String format(Map<String, ?> values) {
		StringBuilder line = new StringBuilder(PREFIX);
		values.forEach((key, value) -> line.append(key)
			.append('=')
			.append(String.valueOf(value).replace(' ', '_'))
			.append(' '));
		return line.toString().trim();
	}

	/**
	 * Parses a result line.
	 * @param line the line, starting with {@link #PREFIX}
	 * @return the figures by key, in order
	 */
	public static Map<String, String> parse(String line) {
		if (!line.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Not a result line: " + line);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return values;
	}

}
