package dev.socketserver.benchmarks.runner;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A setting with a value for all scenarios and values for some of them, given as {@code 5}, {@code S3=9} or
 * {@code 5,S3=9,S4=3}.
 *
 * @param <T> type of the value
 * @param defaultValue value of the scenarios not named
 * @param overrides values of the scenarios named, by scenario id
 * @since 0.1.0
 */
record PerScenario<T>(T defaultValue, Map<String, T> overrides) {

	PerScenario {
		overrides = Map.copyOf(overrides);
	}

	/**
	 * Returns the same value for every scenario.
	 */
	static <T> PerScenario<T> of(T value) {
		return new PerScenario<>(value, Map.of());
	}

	/**
	 * Parses {@code VALUE}, {@code ID=VALUE} or a comma-separated list of them, at most one without an id.
	 * @param option name of the option, for error messages
	 * @param text the option's value
	 * @param defaultValue value when the text names none for all scenarios
	 * @param known the scenario ids that may be named
	 * @param parser parses one value
	 * @return the setting
	 */
	static <T> PerScenario<T> parse(String option, String text, T defaultValue, Collection<String> known,
			Function<String, T> parser) {
		@Nullable T all = null;
		Map<String, T> overrides = new LinkedHashMap<>();
		for (String part : text.split(",")) {
			String item = part.trim();
			if (item.isEmpty()) {
				continue;
			}
			int equals = item.indexOf('=');
			if (equals < 0) {
				if (all != null) {
					throw new IllegalArgumentException("--" + option + " has two values for all scenarios: " + text);
				}
				all = parser.apply(item);
				continue;
			}
			String id = item.substring(0, equals).trim().toUpperCase(Locale.ROOT);
			if (!known.contains(id)) {
				throw new IllegalArgumentException(
						"--" + option + " names " + id + ", but it applies in this run only to " + known);
			}
			if (overrides.put(id, parser.apply(item.substring(equals + 1).trim())) != null) {
				throw new IllegalArgumentException("--" + option + " names " + id + " twice: " + text);
			}
		}
		return new PerScenario<>((all != null) ? all : defaultValue, overrides);
	}

	/**
	 * Returns the value of a scenario.
	 */
	T of(String id) {
		return this.overrides.getOrDefault(id, this.defaultValue);
	}

	/**
	 * Returns e.g. {@code "2s (S3: 4s)"}: the value for all, then the scenarios among {@code ids} that differ.
	 */
	String describe(List<String> ids, Function<T, String> format) {
		StringBuilder text = new StringBuilder(format.apply(this.defaultValue));
		String separator = " (";
		for (String id : ids) {
			T value = this.overrides.get(id);
			if (value != null && !value.equals(this.defaultValue)) {
				text.append(separator).append(id).append(": ").append(format.apply(value));
				separator = "; ";
			}
		}
		return separator.equals("; ") ? text.append(')').toString() : text.toString();
	}

}
