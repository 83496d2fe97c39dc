package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The results of a run as a console table and as {@code RESULTS.md}.
 *
 * @since 0.1.0
 */
final class Report {

	static final String CHART_FILE = "results-ratios.svg";

	private static final Map<String, String> EXTRA_FIGURES = extraFigures();

	private final RunnerOptions options;

	private final Provenance provenance;

	private final ReportHeader header;

	private final List<ScenarioResult> results;

	Report(RunnerOptions options, Provenance provenance, Environment environment, Map<String, String> transports,
			List<ScenarioResult> results) {
		this.options = options;
		this.provenance = provenance;
		this.header = new ReportHeader(options, provenance, environment, transports);
		this.results = results;
	}

	String title() {
		return "Demo application vs raw Netty baseline" + (this.options.quick() ? " - SMOKE RUN, not results" : "");
	}

	String console() {
		StringBuilder out = new StringBuilder();
		if (this.options.quick()) {
			out.append("Smoke run (--quick): short rounds on a possibly noisy machine; not results.\n");
		}
		if (this.provenance.dirty()) {
			out.append("Working tree: ").append(this.header.workingTree()).append('\n');
		}
		out.append(String.format(Locale.ROOT, "%-5s %-44s %14s %14s %8s %13s %6s %-18s %s%n", "", "metric",
				"baseline", "demo", "ratio", "range", "rounds", "floor", "verdict"));
		for (ScenarioResult result : this.results) {
			if (result.skipped() != null) {
				out.append(String.format(Locale.ROOT, "%-5s %s%n", result.id(), result.skipped()));
				continue;
			}
			for (Comparison comparison : result.comparisons()) {
				out.append(String.format(Locale.ROOT, "%-5s %-44s %14s %14s %8s %13s %6d %-18s %s%n", result.id(),
						comparison.metric().label(), number(comparison.baselineMedian()),
						number(comparison.demoMedian()), ratio(comparison.ratio()), range(comparison),
						comparison.pairs(), comparison.metric().floorText(), comparison.verdict().text()));
			}
			if (result.errors() > 0) {
				out.append(String.format(Locale.ROOT, "%-5s %d error(s) in its measurements: ratios are INVALID%n",
						result.id(), result.errors()));
			}
		}
		for (ScenarioResult result : this.results) {
			for (String note : result.notes()) {
				out.append(result.id()).append(": ").append(note).append('\n');
			}
		}
		return out.toString();
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results: demo application vs raw Netty baseline\n\n");
		this.header.appendTo(md);
		md.append("\n## Summary\n\n");
		md.append("*Ratio* is demo / baseline: the median over the rounds of the two sides' figures measured back to "
				+ "back (range: smallest and largest round; the chart draws it as a whisker). Throughput: higher is "
				+ "better; latency, CPU and memory: lower is better. Floors are reported against, not tuned to.\n\n");
		md.append("![Demo/baseline ratios](" + CHART_FILE + ")\n\n");
		md.append("| | metric | baseline | demo | ratio | range | rounds | floor | verdict |\n");
		md.append("|---|---|--:|--:|--:|--:|--:|---|---|\n");
		for (ScenarioResult result : this.results) {
			if (result.skipped() != null) {
				md.append("| ").append(result.id()).append(" | ").append(result.skipped())
					.append(" | | | | | | | |\n");
				continue;
			}
			for (Comparison comparison : result.comparisons()) {
				md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | **%s** | %s | %d | %s | %s |%n",
						result.id(), comparison.metric().label(), number(comparison.baselineMedian()),
						number(comparison.demoMedian()), ratio(comparison.ratio()), range(comparison),
						comparison.pairs(), comparison.metric().floorText().replace(">=", "&ge;").replace("<=", "&le;"),
						comparison.verdict().text()));
			}
		}
		md.append("\n## Scenarios and notes\n\n");
		for (ScenarioResult result : this.results) {
			md.append("- **").append(result.id()).append("**: ").append(result.title());
			if (!result.baselineLabel().equals("baseline")) {
				md.append(" (baseline side: ").append(result.baselineLabel()).append(')');
			}
			md.append('\n');
			if (result.errors() > 0) {
				md.append("  - ").append(result.errors()).append(" error(s) in its measurements: its ratios are "
						+ "INVALID; see the process logs.\n");
			}
			for (String note : result.notes()) {
				md.append("  - ").append(note).append('\n');
			}
		}
		md.append("\n## Every round\n");
		for (ScenarioResult result : this.results) {
			if (result.skipped() == null && !result.baselineRounds().isEmpty()) {
				rounds(md, result);
			}
		}
		md.append("\n## How to read this\n\n");
		md.append("- Each scenario runs the same load generator command line against both servers, in turns, the "
				+ "side measured first alternating between rounds. On a shared machine throughput swings by 5-25 % "
				+ "between runs; the ratio of two measurements taken seconds apart is steadier, and the server CPU "
				+ "time per message (from `/proc/PID/stat` over the measured window) is the steadiest figure.\n");
		md.append("- When the load generator's core is nearly busy (client CPU near 100 %), throughput is bounded "
				+ "by the client on both sides and the ratio tends to 1; the CPU figures still tell the servers "
				+ "apart.\n");
		md.append("- S5 divides the growth of the heap after a full GC (`jcmd PID GC.class_histogram`) and of the "
				+ "RSS by the number of idle connections.\n");
		md.append("- Reproduce with the command at the top, on the same commit; see `benchmarks/README.md`.\n");
		return md.toString();
	}

	private void rounds(StringBuilder md, ScenarioResult result) {
		int rounds = result.baselineRounds().size();
		String baselineName = result.baselineLabel().equals("baseline") ? "baseline"
				: result.baselineLabel().startsWith("redis") ? "redis" : result.baselineLabel();
		md.append("\n### ").append(result.id()).append(": ").append(result.title()).append("\n\n");
		md.append(orderText(result, baselineName)).append("\n\n| figure |");
		for (int round = 1; round <= rounds; round++) {
			boolean baselineFirst = result.orders().get(round - 1) == RoundOrder.BASELINE_FIRST;
			String baselineColumn = baselineName + " " + round;
			String demoColumn = "demo " + round;
			md.append(' ').append(baselineFirst ? baselineColumn : demoColumn).append(" | ")
				.append(baselineFirst ? demoColumn : baselineColumn).append(" |");
		}
		md.append("\n|---|").append("--:|".repeat(2 * rounds)).append('\n');
		Set<String> keys = new LinkedHashSet<>();
		List<String> labels = new ArrayList<>();
		for (Metric metric : result.metrics()) {
			keys.add(metric.key());
			labels.add(metric.label());
		}
		EXTRA_FIGURES.forEach((key, label) -> {
			if (result.baselineRounds().get(0).containsKey(key) && keys.add(key)) {
				labels.add(label);
			}
		});
		int i = 0;
		for (String key : keys) {
			md.append("| ").append(labels.get(i++)).append(" |");
			for (int round = 0; round < rounds; round++) {
				String baseline = number(result.baselineRounds().get(round).getOrDefault(key, Double.NaN));
				String demo = number(result.demoRounds().get(round).getOrDefault(key, Double.NaN));
				boolean baselineFirst = result.orders().get(round) == RoundOrder.BASELINE_FIRST;
				md.append(' ').append(baselineFirst ? baseline : demo).append(" | ")
					.append(baselineFirst ? demo : baseline).append(" |");
			}
			md.append('\n');
		}
	}

	private static Map<String, String> extraFigures() {
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("serverCpuUtil", "server CPU, share of a core");
		figures.put("clientCpuUtil", "load generator CPU, share of a core");
		figures.put("heap0", "heap B, no connection");
		figures.put("heap10k", "heap B, 10k idle");
		figures.put("heap15k", "heap B, 15k idle");
		figures.put("heap19k", "heap B, 19k idle");
		figures.put("rss0", "RSS B, no connection");
		figures.put("rss10k", "RSS B, 10k idle");
		figures.put("rss15k", "RSS B, 15k idle");
		figures.put("rss19k", "RSS B, 19k idle");
		figures.put("redisCpuUtil", "Redis CPU, share of a core");
		figures.put("jvmCpuUtil", "measuring JVM CPU, share of a core");
		figures.put("verifiedCommands", "replies verified after redis-benchmark");
		figures.put("errors", "errors");
		return figures;
	}

	/**
	 * Returns the order of every round of a scenario as a sentence.
	 */
	static String orderText(ScenarioResult result, String baselineName) {
		List<String> rounds = new ArrayList<>();
		for (int round = 1; round <= result.orders().size(); round++) {
			rounds.add("round " + round + " " + result.orders().get(round - 1).text(baselineName));
		}
		return "Measured in this order, as are the columns: " + String.join("; ", rounds) + ".";
	}

	static String number(double value) {
		if (Double.isNaN(value) || value < 0) {
			return "-";
		}
		if (value >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, (value >= 10) ? "%.1f" : "%.3f", value);
	}

	static String ratio(double ratio) {
		return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
	}

	private static String range(Comparison comparison) {
		if (Double.isNaN(comparison.ratioMin())) {
			return "-";
		}
		return String.format(Locale.ROOT, "%.2f-%.2f", comparison.ratioMin(), comparison.ratioMax());
	}

}
