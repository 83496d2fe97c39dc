package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeasuredAmbitionTests {

	@Test
	void s1CpuAmbitionIsTheGoServersRatioOfTheSameRun() {
		ScenarioResult s1 = result("S1", 1000, 800);
		ScenarioResult go = result("GO1", 1000, 850);
		List<ScenarioResult> results = new ArrayList<>(List.of(s1, go));
		BenchmarkRunner.measuredAmbition(results);
		Comparison cpu = cpu(s1);
		assertThat(cpu.metric().floor()).isCloseTo(0.85, within(1e-9));
		assertThat(cpu.metric().floorText()).isEqualTo("<= 0.85 (ambition: GO1 of this run)");
		assertThat(cpu.verdict()).isEqualTo(Comparison.Verdict.PASS);
		assertThat(cpu(go).metric().floor()).isNull();
	}

	@Test
	void demoCostlierThanGoMissesTheAmbition() {
		ScenarioResult s1 = result("S1", 1000, 900);
		BenchmarkRunner.measuredAmbition(new ArrayList<>(List.of(s1, result("GO1", 1000, 850))));
		assertThat(cpu(s1).verdict()).isEqualTo(Comparison.Verdict.MISS);
	}

	@Test
	void withoutGoTheFixedAmbitionStays() {
		ScenarioResult s1 = result("S1", 1000, 800);
		ScenarioResult go = new ScenarioResult("GO1", "t", "baseline", Scenarios.load("GO1").metrics());
		go.skip("skipped: no go");
		BenchmarkRunner.measuredAmbition(new ArrayList<>(List.of(s1, go)));
		assertThat(cpu(s1).metric().floorText()).isEqualTo("<= 0.59 (ambition)");
		assertThat(cpu(s1).verdict()).isEqualTo(Comparison.Verdict.MISS);
	}

	private static ScenarioResult result(String id, double baselineCpu, double otherCpu) {
		ScenarioResult result = new ScenarioResult(id, "t", "baseline", Scenarios.load(id).metrics());
		result.addRound(Map.of("msgPerSec", 1e6, Scenarios.CPU_KEY, baselineCpu),
				Map.of("msgPerSec", 1e6, Scenarios.CPU_KEY, otherCpu), RoundOrder.of(1));
		return result;
	}

	private static Comparison cpu(ScenarioResult result) {
		return result.comparisons()
			.stream()
			.filter((comparison) -> comparison.metric().key().equals(Scenarios.CPU_KEY))
			.findFirst()
			.orElseThrow();
	}

}
