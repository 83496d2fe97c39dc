package dev.socketserver.benchmarks.runner;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTests {

	private static final Metric THROUGHPUT = Metric.higher("msgPerSec", "messages/s").withFloor(0.95);

	private static final Metric P99 = Metric.lower("p99us", "latency p99 us").withFloor(1.10);

	@Test
	void ratioIsTheMedianOfPairedRounds() {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT, P99));
		result.addRound(Map.of("msgPerSec", 100.0, "p99us", 10.0), Map.of("msgPerSec", 90.0, "p99us", 12.0),
				RoundOrder.of(1));
		result.addRound(Map.of("msgPerSec", 200.0, "p99us", 10.0), Map.of("msgPerSec", 196.0, "p99us", 10.5),
				RoundOrder.of(2));
		result.addRound(Map.of("msgPerSec", 150.0, "p99us", 10.0), Map.of("msgPerSec", 150.0, "p99us", 10.0),
				RoundOrder.of(3));
		Comparison throughput = result.comparisons().get(0);
		assertThat(throughput.ratio()).isCloseTo(0.98, within(1e-9));
		assertThat(throughput.ratioMin()).isCloseTo(0.90, within(1e-9));
		assertThat(throughput.pairs()).isEqualTo(3);
		assertThat(throughput.baselineMedian()).isEqualTo(150.0);
		assertThat(throughput.verdict()).isEqualTo(Comparison.Verdict.PASS);
		Comparison p99 = result.comparisons().get(1);
		assertThat(p99.ratio()).isCloseTo(1.05, within(1e-9));
		assertThat(p99.verdict()).isEqualTo(Comparison.Verdict.PASS);
	}

	@Test
	void floorIsMissedInTheDirectionThatIsWorse() {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT, P99));
		result.addRound(Map.of("msgPerSec", 100.0, "p99us", 10.0), Map.of("msgPerSec", 94.0, "p99us", 11.5),
				RoundOrder.of(1));
		assertThat(result.comparisons()).extracting(Comparison::verdict)
			.containsExactly(Comparison.Verdict.MISS, Comparison.Verdict.MISS);
	}

	@Test
	void errorsInvalidateTheRatios() {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT));
		result.addRound(Map.of("msgPerSec", 100.0, "errors", 0.0), Map.of("msgPerSec", 120.0, "errors", 3.0),
				RoundOrder.of(1));
		assertThat(result.errors()).isEqualTo(3);
		assertThat(result.comparisons().get(0).verdict()).isEqualTo(Comparison.Verdict.INVALID);
	}

	@Test
	void everyRoundShowsItsOrderAndItsColumnsInThatOrder() {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT));
		for (int round = 1; round <= 3; round++) {
			result.addRound(Map.of("msgPerSec", 100.0 + round), Map.of("msgPerSec", 200.0 + round),
					RoundOrder.of(round));
		}
		String markdown = new Report(RunnerOptions.parse("--scenarios", "S1", "--rounds", "3"),
				Environment.capture(Path.of("")), Map.of(), List.of(result)).markdown();
		assertThat(markdown).contains("| Rounds | 3 per scenario and side; the side measured first alternates")
			.contains("round 1 baseline, demo; round 2 demo, baseline; round 3 baseline, demo.")
			.contains("| figure | baseline 1 | demo 1 | demo 2 | baseline 2 | baseline 3 | demo 3 |")
			.contains("| messages/s | 101 | 201 | 202 | 102 | 103 | 203 |");
	}

	@Test
	void chartHasABarForEveryChartedRatioAndSkipsSkippedScenarios() throws Exception {
		ScenarioResult measured = new ScenarioResult("S1", "test", "baseline",
				List.of(THROUGHPUT, Metric.lower("p50us", "latency p50 us"), P99));
		measured.addRound(Map.of("msgPerSec", 100.0, "p50us", 5.0, "p99us", 10.0),
				Map.of("msgPerSec", 97.0, "p50us", 5.0, "p99us", 40.0), RoundOrder.of(1));
		ScenarioResult skipped = new ScenarioResult("RESP", "resp", "redis-server", Scenarios.respMetrics());
		skipped.skip("skipped: demo has no RESP server");
		String svg = new RatioChart("title <&>", List.of(measured, skipped)).svg();
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(svg).contains("S1  messages/s").contains("0.97").contains("4.00 (off scale)");
		assertThat(svg).doesNotContain("latency p50").doesNotContain("RESP");
	}

}
