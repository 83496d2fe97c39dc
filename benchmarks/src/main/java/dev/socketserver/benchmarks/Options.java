package dev.socketserver.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Command-line options of the benchmark tools: {@code --name value}, {@code --name=value} and bare
 * {@code --flag}s. A value that itself starts with {@code --} must be given as {@code --name=value}.
 *
 * @since 0.1.0
 */
public final class Options {

	private final String tool;

	private final Map<String, String> values;

	private final Set<String> known = new LinkedHashSet<>();

	private Options(String tool, Map<String, String> values) {
		this.tool = tool;
		this.values = values;
	}

	/**
	 * Parses command-line arguments.
	 * @param tool name of the tool, for error messages
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException if an argument is not an option
	 */
	public static Options parse(String tool, String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new IllegalArgumentException(tool + ": expected an option (--name value) but got '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			if (equals > 0) {
				values.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				values.put(arg.substring(2), args[++i]);
			}
			else {
				values.put(arg.substring(2), "true");
			}
		}
		return new Options(tool, values);
	}

	/**
	 * Returns a string option.
	 * @param name option name without dashes
	 * @param defaultValue value when absent
	 * @return the value
	 */
	public String string(String name, String defaultValue) {
		String value = raw(name);
		return (value != null) ? value : defaultValue;
	}

	/**
	 * Returns a string option that has no default.
	 * @param name option name without dashes
	 * @return the value or {@code null}
	 */
	public @Nullable String optionalString(String name) {
		return raw(name);
	}

	/**
	 * Returns an integer option.
	 * @param name option name without dashes
	 * @param defaultValue value when absent
	 * @return the value
	 */
	public int integer(String name, int defaultValue) {
		return (int) longValue(name, defaultValue);
	}

	/**
	 * Returns a long option; {@code _} may group digits and {@code k}/{@code m} multiply by a thousand or a million.
	 * @param name option name without dashes
	 * @param defaultValue value when absent
	 * @return the value
	 */
	public long longValue(String name, long defaultValue) {
		String value = raw(name);
		if (value == null) {
			return defaultValue;
		}
		String text = value.replace("_", "").toLowerCase(Locale.ROOT);
		long multiplier = 1;
		if (text.endsWith("k")) {
			multiplier = 1_000;
			text = text.substring(0, text.length() - 1);
		}
		else if (text.endsWith("m")) {
			multiplier = 1_000_000;
			text = text.substring(0, text.length() - 1);
		}
		try {
			return Long.parseLong(text) * multiplier;
		}
		catch (NumberFormatException ex) {
			throw invalid(name, value, "a whole number");
		}
	}

	/**
	 * Returns a duration option such as {@code 500ms}, {@code 10s} or {@code 2m}; a bare number means seconds.
	 * @param name option name without dashes
	 * @param defaultValue value when absent
	 * @return the value
	 */
	public Duration duration(String name, Duration defaultValue) {
		String value = raw(name);
		return (value != null) ? parseDuration(name, value) : defaultValue;
	}

	/**
	 * Returns a size in bytes such as {@code 64}, {@code 4k} (4096) or {@code 1m}.
	 * @param name option name without dashes
	 * @param defaultValue value when absent
	 * @return the value
	 */
	public int size(String name, int defaultValue) {
		String value = raw(name);
		if (value == null) {
			return defaultValue;
		}
		String text = value.toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
		int multiplier = 1;
		if (text.endsWith("k")) {
			multiplier = 1024;
			text = text.substring(0, text.length() - 1);
		}
		else if (text.endsWith("m")) {
			multiplier = 1024 * 1024;
			text = text.substring(0, text.length() - 1);
		}
		try {
			return Math.multiplyExact(Integer.parseInt(text.trim()), multiplier);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw invalid(name, value, "a size such as 64, 4k or 1m");
		}
	}

	/**
	 * Returns whether a flag is present (and not set to {@code false}).
	 * @param name option name without dashes
	 * @return whether the flag is set
	 */
	public boolean flag(String name) {
		String value = raw(name);
		return value != null && !value.equalsIgnoreCase("false");
	}

	/**
	 * Returns a comma-separated list option.
	 * @param name option name without dashes
	 * @param defaultValue value when absent
	 * @return the items, trimmed, without empty ones
	 */
	public List<String> list(String name, List<String> defaultValue) {
		String value = raw(name);
		if (value == null) {
			return defaultValue;
		}
		List<String> items = new ArrayList<>();
		for (String item : value.split(",")) {
			if (!item.isBlank()) {
				items.add(item.trim());
			}
		}
		return items;
	}

	/**
	 * Fails on options that none of the accessors asked for, so that a typo does not silently run a different
	 * benchmark.
	 * @throws IllegalArgumentException if an option is unknown
	 */
	public void rejectUnknown() {
		for (String name : this.values.keySet()) {
			if (!this.known.contains(name)) {
				throw new IllegalArgumentException(this.tool + ": unknown option --" + name + " (known: --"
						+ String.join(", --", this.known) + ")");
			}
		}
	}

	private @Nullable String raw(String name) {
		this.known.add(name);
		return this.values.get(name);
	}

	private IllegalArgumentException invalid(String name, String value, String expected) {
		return new IllegalArgumentException(
				this.tool + ": --" + name + " must be " + expected + " but was '" + value + "'");
	}

	private Duration parseDuration(String name, String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		for (String unit : Arrays.asList("ms", "s", "m", "h")) {
			if (text.endsWith(unit) && !(unit.equals("s") && text.endsWith("ms"))
					&& !(unit.equals("m") && text.endsWith("ms"))) {
				return scaled(name, value, text.substring(0, text.length() - unit.length()), unit);
			}
		}
		return scaled(name, value, text, "s");
	}

	private Duration scaled(String name, String value, String number, String unit) {
		try {
			double amount = Double.parseDouble(number);
			double millis = switch (unit) {
				case "ms" -> amount;
				case "m" -> amount * 60_000;
				case "h" -> amount * 3_600_000;
				default -> amount * 1_000;
			};
			if (millis < 0) {
				throw invalid(name, value, "a positive duration");
			}
			return Duration.ofNanos((long) (millis * 1_000_000));
		}
		catch (NumberFormatException ex) {
			throw invalid(name, value, "a duration such as 500ms, 10s or 2m");
		}
	}

}
