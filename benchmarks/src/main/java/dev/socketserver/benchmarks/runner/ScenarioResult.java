package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Measurements of one scenario: per round, the figures of the baseline side and of the demo side, taken one right
 * after the other, and which of the two went first.
 *
 * @since 0.1.0
 */
final class ScenarioResult {

	private final String id;

	private final String title;

	private final String baselineLabel;

	private final List<Metric> metrics = new ArrayList<>();

	private final List<Map<String, Double>> baseline = new ArrayList<>();

	private final List<Map<String, Double>> demo = new ArrayList<>();

	private final List<RoundOrder> orders = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private @Nullable String skipped;

	ScenarioResult(String id, String title, String baselineLabel, List<Metric> metrics) {
		this.id = id;
		this.title = title;
		this.baselineLabel = baselineLabel;
		this.metrics.addAll(metrics);
	}

	String id() {
		return this.id;
	}

	String title() {
		return this.title;
	}

	String baselineLabel() {
		return this.baselineLabel;
	}

	List<Metric> metrics() {
		return Collections.unmodifiableList(this.metrics);
	}

	/**
	 * Replaces the metric of the same key, e.g. to give it a floor measured by another scenario of the run.
	 */
	void replace(Metric metric) {
		this.metrics.replaceAll((current) -> current.key().equals(metric.key()) ? metric : current);
	}

	/**
	 * Adds a round: each side's figures, and which side was measured first.
	 */
	void addRound(Map<String, Double> baselineValues, Map<String, Double> demoValues, RoundOrder order) {
		this.baseline.add(baselineValues);
		this.demo.add(demoValues);
		this.orders.add(order);
	}

	/**
	 * Returns the order in which each round measured the two sides.
	 */
	List<RoundOrder> orders() {
		return Collections.unmodifiableList(this.orders);
	}

	List<Map<String, Double>> baselineRounds() {
		return Collections.unmodifiableList(this.baseline);
	}

	List<Map<String, Double>> demoRounds() {
		return Collections.unmodifiableList(this.demo);
	}

	void note(String note) {
		if (!this.notes.contains(note)) {
			this.notes.add(note);
		}
	}

	List<String> notes() {
		return Collections.unmodifiableList(this.notes);
	}

	void skip(String reason) {
		this.skipped = reason;
	}

	@Nullable String skipped() {
		return this.skipped;
	}

	/**
	 * Returns the errors of all measurements of both sides.
	 */
	long errors() {
		long errors = 0;
		for (List<Map<String, Double>> side : List.of(this.baseline, this.demo)) {
			for (Map<String, Double> round : side) {
				errors += round.getOrDefault("errors", 0.0).longValue();
			}
		}
		return errors;
	}

	/**
	 * Returns the comparison of each metric.
	 */
	List<Comparison> comparisons() {
		List<Comparison> comparisons = new ArrayList<>();
		for (Metric metric : this.metrics) {
			comparisons.add(Comparison.of(metric, values(this.baseline, metric), values(this.demo, metric),
					errors() > 0));
		}
		return comparisons;
	}

	private static List<Double> values(List<Map<String, Double>> rounds, Metric metric) {
		List<Double> values = new ArrayList<>();
		for (Map<String, Double> round : rounds) {
			Double value = round.get(metric.key());
			values.add((value != null && value >= 0) ? value : Double.NaN);
		}
		return values;
	}

}
