package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The top of {@code RESULTS.md}: the one command that produced it, the commit and the state of the working tree,
 * the build, the machine and the setup of the run.
 *
 * @since 0.1.0
 */
final class ReportHeader {

	private static final int MAX_CHANGES_SHOWN = 20;

	private final RunnerOptions options;

	private final Provenance provenance;

	private final Environment environment;

	private final Map<String, String> transports;

	ReportHeader(RunnerOptions options, Provenance provenance, Environment environment,
			Map<String, String> transports) {
		this.options = options;
		this.provenance = provenance;
		this.environment = environment;
		this.transports = transports;
	}

	void appendTo(StringBuilder md) {
		md.append("<!-- Written by ").append(BenchmarkRunner.class.getName()).append(" from the command below. Do "
				+ "not edit by hand: run the command again. -->\n\n");
		md.append("Produced, all of it, by this one command on commit `").append(this.provenance.shortCommit())
			.append('`')
			.append(this.provenance.dirty() ? " **with uncommitted changes**" : " (clean working tree)")
			.append(":\n\n    ")
			.append(this.provenance.command())
			.append("\n\n");
		if (this.provenance.dirty()) {
			md.append("> **Dirty working tree**: the commit is ").append((this.provenance.commit() != null)
					? "not all that was measured: " + this.provenance.changes().size() + " file(s) differ from it "
							+ "(listed under *Working tree* below). These figures are for the commit plus those "
							+ "changes, not for the commit alone."
					: "unknown (not a git checkout, or git is missing).").append("\n\n");
		}
		if (this.options.quick()) {
			md.append("> **Smoke run (`--quick`)**: a couple of short rounds to show that the tooling works end to "
					+ "end, on a shared, noisy machine. These numbers are **not results**; run `benchmarks/run.sh` "
					+ "without `--quick` for figures worth quoting.\n\n");
		}
		md.append("| | |\n|---|---|\n");
		row(md, "Runner arguments", this.provenance.arguments().isEmpty() ? "none"
				: "`" + Provenance.commandLine(this.provenance.arguments()) + "`");
		row(md, "Commit", (this.provenance.commit() != null) ? this.provenance.commit() : "unknown");
		row(md, "Working tree", this.provenance.dirty() ? "**DIRTY**: " + workingTree() : "clean");
		row(md, "Build", build());
		row(md, "Date", this.environment.date());
		row(md, "Machine", this.environment.machine());
		row(md, "JDK", this.environment.jdk());
		row(md, "Machine load", this.environment.load());
		row(md, "Servers", String.format(Locale.ROOT,
				"%s; JVM options `%s` on both; transport `%s` requested (in use: %s); %d worker thread(s) and 1 "
						+ "acceptor thread on both",
				this.options.pin() ? "pinned to CPU " + this.options.serverCpu() + " with taskset" : "not pinned",
				String.join(" ", this.options.serverJvmOptions()),
				this.options.transport().name().toLowerCase(Locale.ROOT), transportsInUse(),
				this.options.workerThreads()));
		row(md, "Load generator", String.format(Locale.ROOT,
				"%s; Netty client, 1 event loop thread, epoll, connections spread over source addresses "
						+ "127.0.0.2-127.0.0.33; every echoed byte verified",
				this.options.pin() ? "pinned to CPU " + this.options.clientCpu() : "not pinned"));
		row(md, "Rounds", roundsText());
		row(md, "Timing", String.format(Locale.ROOT,
				"warm-up %s + measured %s per measurement; both servers pre-warmed for %s",
				this.options.warmup().describe(this.options.loadScenarios(), BenchmarkRunner::seconds),
				this.options.duration().describe(this.options.loadScenarios(), BenchmarkRunner::seconds),
				BenchmarkRunner.seconds(this.options.prewarm())));
	}

	private String roundsText() {
		return this.options.rounds().describe(this.options.scenarios(), String::valueOf)
				+ " per scenario and side; the side measured first alternates: baseline first in odd rounds, demo "
				+ "first in even rounds (A B, B A, A B, ...; the order of every round is under \"Every round\")";
	}

	String workingTree() {
		if (this.provenance.commit() == null) {
			return "not a git checkout, or git is missing: the commit and its changes are unknown";
		}
		List<String> changes = this.provenance.changes();
		List<String> shown = changes.subList(0, Math.min(changes.size(), MAX_CHANGES_SHOWN));
		return changes.size() + " file(s) differ from the commit (M modified, ? untracked; this report's own files "
				+ "not counted): " + String.join(", ", shown)
				+ ((changes.size() > shown.size()) ? ", and " + (changes.size() - shown.size()) + " more" : "");
	}

	private String build() {
		Boolean built = this.provenance.built();
		if (built == null) {
			return "not recorded: the runner was started without benchmarks/run.sh";
		}
		return built ? "the command built the demo application and the benchmarks (mvn package) from the working tree"
				: "not rebuilt (`--no-build`): the jars may be older than the commit and the working tree";
	}

	private String transportsInUse() {
		if (this.transports.isEmpty()) {
			return "not reported";
		}
		List<String> parts = new ArrayList<>();
		this.transports.forEach((side, transport) -> parts.add(side + " " + transport));
		return String.join(", ", parts);
	}

	private static void row(StringBuilder md, String name, String value) {
		md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
	}

}
