package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One metric of a scenario compared: each side's median over the rounds, and the median of the per-round
 * demo/baseline ratios. Pairing rounds cancels drift of a noisy machine that a ratio of medians would keep.
 *
 * @param metric the metric
 * @param baselineMedian median of the baseline side
 * @param demoMedian median of the demo side
 * @param ratio median of the per-round demo/baseline ratios
 * @param ratioMin smallest per-round ratio
 * @param ratioMax largest per-round ratio
 * @param pairs number of rounds with a ratio
 * @param verdict the ratio against the floor
 * @since 0.1.0
 */
record Comparison(Metric metric, double baselineMedian, double demoMedian, double ratio, double ratioMin,
		double ratioMax, int pairs, Verdict verdict) {

	static Comparison of(Metric metric, List<Double> baseline, List<Double> demo, boolean errors) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(baseline.size(), demo.size()); i++) {
			double b = baseline.get(i);
			double d = demo.get(i);
			if (!Double.isNaN(b) && !Double.isNaN(d) && b > 0) {
				ratios.add(d / b);
			}
		}
		double ratio = median(ratios);
		Verdict verdict;
		if (errors || ratios.isEmpty()) {
			verdict = Verdict.INVALID;
		}
		else if (metric.floor() == null) {
			verdict = Verdict.NONE;
		}
		else {
			verdict = metric.meets(ratio) ? Verdict.PASS : Verdict.MISS;
		}
		return new Comparison(metric, median(baseline), median(demo), ratio,
				ratios.isEmpty() ? Double.NaN : Collections.min(ratios),
				ratios.isEmpty() ? Double.NaN : Collections.max(ratios), ratios.size(), verdict);
	}

	/**
	 * Returns the median of the values that are numbers, NaN if there are none.
	 */
	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>();
		for (Double value : values) {
			if (!Double.isNaN(value)) {
				sorted.add(value);
			}
		}
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * How a ratio stands against its floor.
	 */
	enum Verdict {

		/** Meets the floor. */
		PASS("pass"),

		/** Misses the floor. */
		MISS("MISS"),

		/** No floor to report against. */
		NONE(""),

		/** A measurement had errors or figures are missing: the ratio means nothing. */
		INVALID("INVALID");

		private final String text;

		Verdict(String text) {
			this.text = text;
		}

		String text() {
			return this.text;
		}

	}

}
