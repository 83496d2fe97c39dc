package dev.socketserver.benchmarks.runner;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A figure compared between the two sides of a scenario, with the floor its demo/baseline ratio is reported
 * against, if any.
 *
 * @param key key of the figure in a measurement's values
 * @param label what it is, with its unit
 * @param higherIsBetter whether a higher value is better (throughput) or worse (latency, CPU, memory)
 * @param floor the ratio to report against: a minimum when higher is better, a maximum otherwise
 * @param ambition whether the floor is an ambition rather than a requirement
 * @param floorSource where the floor comes from when it is measured in the run, e.g. {@code "GO1"}; empty when
 * it is a fixed number
 * @param charted whether the ratio goes into the chart
 * @since 0.1.0
 */
record Metric(String key, String label, boolean higherIsBetter, @Nullable Double floor, boolean ambition,
		String floorSource, boolean charted) {

	static Metric higher(String key, String label) {
		return new Metric(key, label, true, null, false, "", false);
	}

	static Metric lower(String key, String label) {
		return new Metric(key, label, false, null, false, "", false);
	}

	Metric withFloor(double value) {
		return new Metric(this.key, this.label, this.higherIsBetter, value, false, "", true);
	}

	Metric withAmbition(double value) {
		return new Metric(this.key, this.label, this.higherIsBetter, value, true, "", true);
	}

	/**
	 * Returns this metric with an ambition measured in the same run, by the scenario named.
	 * @param value the ratio of that scenario
	 * @param source the scenario's id
	 */
	Metric withMeasuredAmbition(double value, String source) {
		return new Metric(this.key, this.label, this.higherIsBetter, value, true, source, true);
	}

	Metric inChart() {
		return new Metric(this.key, this.label, this.higherIsBetter, this.floor, this.ambition, this.floorSource,
				true);
	}

	/**
	 * Returns whether a ratio meets the floor; {@code true} when there is none.
	 */
	boolean meets(double ratio) {
		if (this.floor == null) {
			return true;
		}
		return this.higherIsBetter ? ratio >= this.floor : ratio <= this.floor;
	}

	/**
	 * Returns e.g. {@code ">= 0.95"} or {@code "<= 1.10 (ambition)"}, or an empty string.
	 */
	String floorText() {
		if (this.floor == null) {
			return "";
		}
		String kind = this.ambition ? " (ambition" + (this.floorSource.isEmpty() ? ")"
				: ": " + this.floorSource + " of this run)") : "";
		return String.format(Locale.ROOT, "%s %.2f%s", this.higherIsBetter ? ">=" : "<=", this.floor, kind);
	}

}
