package dev.socketserver.benchmarks.runner;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
		result.addRound(Map.of("msgPerSec", 100.0, "p99us", 10.0), Map.of("msgPerSec", 90.0, "p99us", 12.0));
		result.addRound(Map.of("msgPerSec", 200.0, "p99us", 10.0), Map.of("msgPerSec", 196.0, "p99us", 10.5));
		result.addRound(Map.of("msgPerSec", 150.0, "p99us", 10.0), Map.of("msgPerSec", 150.0, "p99us", 10.0));
		Comparison throughput = result.comparisons().get(0);
		assertThat(throughput.ratio()).isCloseTo(0.98, within(1e-9));
		assertThat(throughput.ratioMin()).isCloseTo(0.90, within(1e-9));
		assertThat(throughput.baselineMedian()).isEqualTo(150.0);
		assertThat(throughput.verdict()).isEqualTo(Comparison.Verdict.PASS);
		Comparison p99 = result.comparisons().get(1);
		assertThat(p99.ratio()).isCloseTo(1.05, within(1e-9));
		assertThat(p99.verdict()).isEqualTo(Comparison.Verdict.PASS);
	}

	@Test
	void floorIsMissedInTheDirectionThatIsWorse() {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT, P99));
		result.addRound(Map.of("msgPerSec", 100.0, "p99us", 10.0), Map.of("msgPerSec", 94.0, "p99us", 11.5));
		assertThat(result.comparisons()).extracting(Comparison::verdict)
			.containsExactly(Comparison.Verdict.MISS, Comparison.Verdict.MISS);
	}

	@Test
	void errorsInvalidateTheRatios() {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT));
		result.addRound(Map.of("msgPerSec", 100.0, "errors", 0.0), Map.of("msgPerSec", 120.0, "errors", 3.0));
		assertThat(result.errors()).isEqualTo(3);
		assertThat(result.comparisons().get(0).verdict()).isEqualTo(Comparison.Verdict.INVALID);
	}

	@Test
	void chartHasABarForEveryChartedRatioAndSkipsSkippedScenarios() throws Exception {
		ScenarioResult measured = new ScenarioResult("S1", "test", "baseline",
				List.of(THROUGHPUT, Metric.lower("p50us", "latency p50 us"), P99));
		measured.addRound(Map.of("msgPerSec", 100.0, "p50us", 5.0, "p99us", 10.0),
				Map.of("msgPerSec", 97.0, "p50us", 5.0, "p99us", 40.0));
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
