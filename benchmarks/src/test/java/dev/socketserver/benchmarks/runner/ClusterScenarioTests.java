package dev.socketserver.benchmarks.runner;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.socketserver.benchmarks.runner.ClusterScenario.Variant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClusterScenarioTests {

	@Test
	void bothReferencesGoFirstInOddRoundsAndTheCrossNodeSideInEvenRounds() {
		assertThat(ClusterScenario.order(1)).containsExactly(Variant.RAW, Variant.LOCAL, Variant.CLUSTER);
		assertThat(ClusterScenario.order(2)).containsExactly(Variant.CLUSTER, Variant.LOCAL, Variant.RAW);
		for (int round = 1; round <= 6; round++) {
			List<Variant> order = ClusterScenario.order(round);
			assertThat(order).containsExactlyInAnyOrder(Variant.values());
			boolean referencesFirst = RoundOrder.of(round) == RoundOrder.BASELINE_FIRST;
			for (Variant reference : List.of(Variant.LOCAL, Variant.RAW)) {
				assertThat(order.indexOf(reference) < order.indexOf(Variant.CLUSTER)).isEqualTo(referencesFirst);
			}
		}
	}

	@Test
	void eachRoundGivesBothComparisonsTheCrossNodeFiguresAsTheDemoSide() {
		ScenarioResult local = new ScenarioResult(ClusterScenario.ID, "test", "local", ClusterScenario.metrics());
		ScenarioResult raw = new ScenarioResult(ClusterScenario.RAW_ID, "test", "raw Lettuce",
				ClusterScenario.metrics());
		for (int round = 1; round <= 3; round++) {
			Map<Variant, Map<String, Double>> values = new EnumMap<>(Variant.class);
			values.put(Variant.CLUSTER, Map.of("msgPerSec", 1000.0 * round, "redisCpuNsPerMsg", 40_000.0));
			values.put(Variant.LOCAL, Map.of("msgPerSec", 2000.0 * round, "redisCpuNsPerMsg", 30_000.0));
			values.put(Variant.RAW, Map.of("msgPerSec", 8000.0 * round, "redisCpuNsPerMsg", 10_000.0));
			ClusterScenario.addRound(local, raw, round, values);
		}
		assertThat(local.orders()).containsExactly(RoundOrder.BASELINE_FIRST, RoundOrder.DEMO_FIRST,
				RoundOrder.BASELINE_FIRST);
		assertThat(raw.orders()).isEqualTo(local.orders());
		assertThat(local.demoRounds()).isEqualTo(raw.demoRounds());
		Comparison localThroughput = local.comparisons().get(0);
		assertThat(localThroughput.metric().key()).isEqualTo("msgPerSec");
		assertThat(localThroughput.ratio()).isCloseTo(0.5, within(1e-9));
		assertThat(localThroughput.pairs()).isEqualTo(3);
		Comparison rawThroughput = raw.comparisons().get(0);
		assertThat(rawThroughput.ratio()).isCloseTo(0.125, within(1e-9));
		Comparison rawRedisCpu = raw.comparisons()
			.stream()
			.filter((comparison) -> comparison.metric().key().equals("redisCpuNsPerMsg"))
			.findFirst()
			.orElseThrow();
		assertThat(rawRedisCpu.ratio()).isCloseTo(4.0, within(1e-9));
		assertThat(rawRedisCpu.metric().higherIsBetter()).isFalse();
	}

	@Test
	void clusterIsPartOfTheDefaultRunWithThreeRoundsAndTwoWhenQuick() {
		RunnerOptions full = RunnerOptions.parse();
		assertThat(full.scenarios()).contains(ClusterScenario.ID);
		assertThat(full.roundsOf(ClusterScenario.ID)).isEqualTo(3);
		assertThat(full.loadScenarios()).contains(ClusterScenario.ID);
		RunnerOptions quick = RunnerOptions.parse("--quick");
		assertThat(quick.scenarios()).contains(ClusterScenario.ID);
		assertThat(quick.roundsOf(ClusterScenario.ID)).isEqualTo(2);
		assertThat(RunnerOptions.parse("--rounds", "CLUSTER=5").roundsOf(ClusterScenario.ID)).isEqualTo(5);
		assertThat(full.timingArguments(ClusterScenario.ID)).containsExactly("--warmup", "10s", "--duration", "6s");
		assertThat(full.timingArguments("S1")).containsExactly("--warmup", "2s", "--duration", "6s");
		assertThat(quick.timingArguments(ClusterScenario.ID)).containsExactly("--warmup", "3s", "--duration", "2s");
		assertThat(RunnerOptions.parse("--scenarios", "cluster", "--warmup", "CLUSTER=3s").timingArguments("CLUSTER"))
			.containsExactly("--warmup", "3s", "--duration", "6s");
	}

	@Test
	void theProcessIdComesFromTheInfoReply() {
		assertThat(ClusterScenario.processId(List.of("$1234", "# Server", "redis_version:7.0.15", "process_id:16382",
				"tcp_port:17106"))).isEqualTo(16382);
		assertThat(ClusterScenario.processId(List.of("-ERR unknown command"))).isEqualTo(-1);
		assertThat(ClusterScenario.processId(List.of("process_id:x"))).isEqualTo(-1);
	}

}
