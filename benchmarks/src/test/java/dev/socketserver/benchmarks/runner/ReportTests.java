package dev.socketserver.benchmarks.runner;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTests {

	private static final Metric THROUGHPUT = Metric.higher("msgPerSec", "messages/s").withFloor(0.95);

	private static final Metric P99 = Metric.lower("p99us", "latency p99 us").withFloor(1.10);

	private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

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
	void reportStartsWithTheCommandThatProducedItAndACleanCommit() {
		RunnerOptions options = RunnerOptions.parse("--quick", "--scenarios", "S1,S3,S5", "--rounds", "S3=9",
				"--warmup", "S3=4s");
		Provenance provenance = new Provenance("benchmarks/run.sh --quick --scenarios S1,S3,S5 --rounds S3=9 "
				+ "--warmup S3=4s", List.of("--quick", "--scenarios", "S1,S3,S5", "--rounds", "S3=9", "--warmup",
						"S3=4s", "--no-pin"), COMMIT, List.of(), true);
		String markdown = report(options, provenance).markdown();
		String header = markdown.substring(0, markdown.indexOf("## Summary"));
		assertThat(markdown).startsWith("# Benchmark results");
		assertThat(header.lines().limit(8)).contains(
				"    benchmarks/run.sh --quick --scenarios S1,S3,S5 --rounds S3=9 --warmup S3=4s");
		assertThat(header).contains("on commit `0123456789ab` (clean working tree)")
			.contains("| Commit | " + COMMIT + " |")
			.contains("| Working tree | clean |")
			.contains("| Runner arguments | `--quick --scenarios S1,S3,S5 --rounds S3=9 --warmup S3=4s --no-pin` |")
			.contains("| Build | the command built")
			.contains("2 (S3: 9; S5: 1) per scenario and side")
			.contains("baseline first in odd rounds, demo first in even rounds")
			.contains("warm-up 1s (S3: 4s) + measured 2s")
			.doesNotContain("DIRTY")
			.doesNotContain("uncommitted");
	}

	@Test
	void dirtyWorkingTreeIsMarkedAtTheTopAndInTheConsole() {
		RunnerOptions options = RunnerOptions.parse("--scenarios", "S1");
		Provenance provenance = new Provenance("benchmarks/run.sh --no-build --scenarios S1",
				List.of("--scenarios", "S1"), COMMIT, List.of("M core/src/main/java/X.java", "? notes.txt"), false);
		Report report = report(options, provenance);
		String header = report.markdown().substring(0, report.markdown().indexOf("## Summary"));
		assertThat(header).contains("on commit `0123456789ab` **with uncommitted changes**")
			.contains("> **Dirty working tree**: the commit is not all that was measured: 2 file(s) differ")
			.contains("M core/src/main/java/X.java, ? notes.txt")
			.contains("| Working tree | **DIRTY**: 2 file(s)")
			.contains("| Build | not rebuilt (`--no-build`)");
		assertThat(header.indexOf("Dirty working tree")).isLessThan(header.indexOf("| |"));
		assertThat(report.console()).contains("Working tree: 2 file(s) differ from the commit");
	}

	@Test
	void unknownCommitIsMarkedDirty() {
		Provenance provenance = new Provenance("x", List.of(), null, List.of(), null);
		String markdown = report(RunnerOptions.parse("--scenarios", "S1"), provenance).markdown();
		assertThat(markdown).contains("on commit `unknown` **with uncommitted changes**")
			.contains("not a git checkout")
			.contains("| Build | not recorded");
	}

	@Test
	void everyRoundShowsItsOrderAndItsColumnsInThatOrder() {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT));
		for (int round = 1; round <= 3; round++) {
			result.addRound(Map.of("msgPerSec", 100.0 + round), Map.of("msgPerSec", 200.0 + round),
					RoundOrder.of(round));
		}
		String markdown = new Report(RunnerOptions.parse("--scenarios", "S1"), clean(), Environment.capture(),
				Map.of(), List.of(result)).markdown();
		assertThat(markdown)
			.contains("round 1 baseline, demo; round 2 demo, baseline; round 3 baseline, demo.")
			.contains("| figure | baseline 1 | demo 1 | demo 2 | baseline 2 | baseline 3 | demo 3 |")
			.contains("| messages/s | 101 | 201 | 202 | 102 | 103 | 203 |");
	}

	private static Report report(RunnerOptions options, Provenance provenance) {
		ScenarioResult result = new ScenarioResult("S1", "test", "baseline", List.of(THROUGHPUT));
		result.addRound(Map.of("msgPerSec", 100.0), Map.of("msgPerSec", 97.0), RoundOrder.of(1));
		return new Report(options, provenance, Environment.capture(), Map.of("baseline", "EPOLL"), List.of(result));
	}

	private static Provenance clean() {
		return new Provenance("benchmarks/run.sh", List.of(), COMMIT, List.of(), true);
	}

}
