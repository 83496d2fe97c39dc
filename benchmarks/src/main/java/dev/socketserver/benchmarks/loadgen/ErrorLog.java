package dev.socketserver.benchmarks.loadgen;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Errors of a load generator run counted by kind, each kind with its first detail; shared by the event loops.
 *
 * @since 0.1.0
 */
final class ErrorLog {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final Map<String, String> firstDetails = new ConcurrentHashMap<>();

	void record(String kind, @Nullable Object detail) {
		this.counts.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
		if (detail != null) {
			this.firstDetails.putIfAbsent(kind, String.valueOf(detail));
		}
	}

	void record(String kind, long count) {
		this.counts.computeIfAbsent(kind, (key) -> new LongAdder()).add(count);
	}

	long total() {
		long total = 0;
		for (LongAdder count : this.counts.values()) {
			total += count.sum();
		}
		return total;
	}

	/**
	 * Returns e.g. {@code "verification failed: 2 (message 5 of connection 3: ...); connect failed: 1"}.
	 */
	String summary() {
		StringJoiner summary = new StringJoiner("; ");
		new TreeMap<>(this.counts).forEach((kind, count) -> {
			String detail = this.firstDetails.get(kind);
			summary.add(kind + ": " + count.sum() + ((detail != null) ? " (first: " + detail + ")" : ""));
		});
		return summary.toString();
	}

}
