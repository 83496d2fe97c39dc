package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which side a round measures first. The order alternates, baseline first in odd rounds and demo first in even
 * rounds (A B, B A, A B, ...), so that neither side always runs first, on a machine that has just cooled down or
 * warmed up.
 *
 * @since 0.1.0
 */
enum RoundOrder {

	/** Baseline, then demo. */
	BASELINE_FIRST(Side.BASELINE, Side.DEMO),

	/** Demo, then baseline. */
	DEMO_FIRST(Side.DEMO, Side.BASELINE);

	private final List<Side> sides;

	RoundOrder(Side first, Side second) {
		this.sides = List.of(first, second);
	}

	/**
	 * Returns the order of a round.
	 * @param round the round, from 1
	 * @return baseline first in odd rounds, demo first in even rounds
	 */
	static RoundOrder of(int round) {
		if (round < 1) {
			throw new IllegalArgumentException("'round' must be positive but was " + round);
		}
		return (round % 2 == 1) ? BASELINE_FIRST : DEMO_FIRST;
	}

	/**
	 * Returns the sides in the order measured.
	 */
	List<Side> sides() {
		return this.sides;
	}

	/**
	 * Returns e.g. {@code "baseline, demo"}, naming the baseline side {@code baselineName}.
	 */
	String text(String baselineName) {
		return (this == BASELINE_FIRST) ? baselineName + ", demo" : "demo, " + baselineName;
	}

	/**
	 * Measures both sides of a round in this round's order and adds them to the result.
	 * @param result where the round goes
	 * @param round the round, from 1
	 * @param measurement measures one side
	 * @throws IOException if a measurement cannot run
	 * @throws InterruptedException if interrupted
	 */
	static void measure(ScenarioResult result, int round, Measurement measurement)
			throws IOException, InterruptedException {
		RoundOrder order = of(round);
		Map<Side, Map<String, Double>> values = new EnumMap<>(Side.class);
		for (Side side : order.sides) {
			values.put(side, measurement.measure(side));
		}
		result.addRound(values.get(Side.BASELINE), values.get(Side.DEMO), order);
	}

	/**
	 * A side of the comparison.
	 */
	enum Side {

		/** The reference: the raw Netty baseline, or redis-server. */
		BASELINE,

		/** The demo application. */
		DEMO

	}

	/**
	 * Measures one side of a round.
	 */
	@FunctionalInterface
	interface Measurement {

		Map<String, Double> measure(Side side) throws IOException, InterruptedException;

	}

}
