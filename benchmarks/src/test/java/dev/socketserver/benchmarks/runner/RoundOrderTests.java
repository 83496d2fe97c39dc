package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.socketserver.benchmarks.runner.RoundOrder.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoundOrderTests {

	@Test
	void baselineGoesFirstInOddRoundsAndDemoInEvenRounds() {
		assertThat(List.of(1, 2, 3, 4, 5)).map(RoundOrder::of)
			.containsExactly(RoundOrder.BASELINE_FIRST, RoundOrder.DEMO_FIRST, RoundOrder.BASELINE_FIRST,
					RoundOrder.DEMO_FIRST, RoundOrder.BASELINE_FIRST);
		assertThat(RoundOrder.BASELINE_FIRST.sides()).containsExactly(Side.BASELINE, Side.DEMO);
		assertThat(RoundOrder.DEMO_FIRST.sides()).containsExactly(Side.DEMO, Side.BASELINE);
	}

	@Test
	void roundsAreMeasuredInAlternatingOrderAndEachSideKeepsItsOwnFigures() throws Exception {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline",
				List.of(Metric.higher("msgPerSec", "messages/s").withFloor(0.95)));
		List<String> calls = new ArrayList<>();
		for (int round = 1; round <= 4; round++) {
			int current = round;
			RoundOrder.measure(result, round, (side) -> {
				calls.add(side + " " + current);
				return Map.of("msgPerSec", (side == Side.BASELINE) ? 100.0 * current : 90.0 * current);
			});
		}
		assertThat(calls).containsExactly("BASELINE 1", "DEMO 1", "DEMO 2", "BASELINE 2", "BASELINE 3", "DEMO 3",
				"DEMO 4", "BASELINE 4");
		assertThat(result.orders()).containsExactly(RoundOrder.BASELINE_FIRST, RoundOrder.DEMO_FIRST,
				RoundOrder.BASELINE_FIRST, RoundOrder.DEMO_FIRST);
		assertThat(result.baselineRounds()).extracting((values) -> values.get("msgPerSec"))
			.containsExactly(100.0, 200.0, 300.0, 400.0);
		assertThat(result.demoRounds()).extracting((values) -> values.get("msgPerSec"))
			.containsExactly(90.0, 180.0, 270.0, 360.0);
		assertThat(result.comparisons().get(0).ratio()).isEqualTo(0.9);
	}

	@Test
	void orderIsNamedWithTheBaselineSidesName() {
		assertThat(RoundOrder.BASELINE_FIRST.text("redis")).isEqualTo("redis, demo");
		assertThat(RoundOrder.DEMO_FIRST.text("baseline")).isEqualTo("demo, baseline");
	}

	@Test
	void roundsCountFromOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoundOrder.of(0)).withMessageContaining("'round'");
	}

}
