package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.socketserver.benchmarks.ResultLine;

/**
 * S5: memory per idle connection. Each side runs in a fresh process; the runner takes the heap after a full GC
 * and the RSS with no connection, then with 10,000 and 15,000 idle connections held by load generators (one per
 * step, so that no process nears the 20,000 open-file limit), and divides the growth by the connection count.
 *
 * @since 0.1.0
 */
final class IdleScenario {

	private static final int CONNECT_RATE = 5000;

	private final RunnerOptions options;

	private final Ports ports;

	private final BenchmarkRunner runner;

	IdleScenario(RunnerOptions options, Ports ports, BenchmarkRunner runner) {
		this.options = options;
		this.ports = ports;
		this.runner = runner;
	}

	ScenarioResult run() throws IOException, InterruptedException {
		ScenarioResult result = new ScenarioResult("S5",
				"idle connections: heap after full GC and RSS per connection at 10,000, 15,000 and 19,000", "baseline",
				Scenarios.idleMetrics());
		String demoArgs = String.join(" ", this.options.idleDemoArgs());
		if (new DemoJar(this.options.demoJar()).knowsHeartbeatProperties()) {
			result.note("Demo arguments in S5: " + demoArgs + " (heartbeat on; every connection is registered in "
					+ "its server's connection manager).");
		}
		else {
			result.note("Demo arguments in S5: " + demoArgs + ". This demo build has no heartbeat properties: the "
					+ "heartbeat arguments were ignored and S5 measured it without heartbeat (connection manager on).");
		}
		System.out.println();
		System.out.println("S5: " + result.title());
		for (int round = 1; round <= this.options.roundsOf("S5"); round++) {
			int current = round;
			RoundOrder.measure(result, round, (side) -> measure(result, current, side == RoundOrder.Side.BASELINE));
		}
		projectMillion(result);
		return result;
	}

	/**
	 * Notes what a million idle connections would take on the demo side, from its medians at the largest count:
	 * the live heap and the memory outside it (direct buffers, thread stacks, native), both measured per
	 * connection; the kernel's socket memory is not in a process's RSS and comes on top.
	 */
	private static void projectMillion(ScenarioResult result) {
		String k = (Scenarios.IDLE_LEVELS[Scenarios.IDLE_LEVELS.length - 1] / 1000) + "k";
		double heap = median(result.demoRounds(), "heapPerConn" + k);
		double rss = median(result.demoRounds(), "rssPerConn" + k);
		if (!(heap > 0) || !(rss >= 0)) {
			return;
		}
		double gib = 1024.0 * 1024 * 1024;
		double heapGib = heap * 1_000_000 / gib;
		double offHeapGib = rss * 1_000_000 / gib;
		result.note(String.format(Locale.ROOT, "Projection from the demo's medians at %s: 1,000,000 idle connections "
				+ "take %.1f GiB of live heap (%.0f B each) and %.1f GiB outside it (%.0f B each), %.1f GiB in all, "
				+ "%s a 32 GiB node's memory, before the kernel's socket buffers (not in RSS) and a heap's headroom "
				+ "for garbage collection.", k, heapGib, heap, offHeapGib, rss, heapGib + offHeapGib,
				(heapGib + offHeapGib <= 32) ? String.format(Locale.ROOT, "%.0f%% of", 100 * (heapGib + offHeapGib)
						/ 32) : "more than"));
	}

	private static double median(List<Map<String, Double>> rounds, String key) {
		double[] values = rounds.stream()
			.mapToDouble((round) -> round.getOrDefault(key, -1.0))
			.filter((value) -> value >= 0)
			.sorted()
			.toArray();
		if (values.length == 0) {
			return -1;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	private Map<String, Double> measure(ScenarioResult result, int round, boolean baselineSide)
			throws IOException, InterruptedException {
		String name = "S5-r" + round + "-" + (baselineSide ? "baseline" : "demo");
		Path logDir = this.options.logDir();
		Map<String, Double> values = new LinkedHashMap<>();
		double errors = 0;
		List<ChildProcess> holders = new ArrayList<>();
		try (ServerProcess server = baselineSide ? this.runner.startBaseline(name)
				: this.runner.startDemo(name, this.options.idleDemoArgs())) {
			int port = baselineSide ? this.ports.baselineEcho() : this.ports.demoEcho();
			Thread.sleep(1000);
			long heap0 = server.heapAfterFullGc(logDir, name + "-heap-0");
			long rss0 = server.rssBytes();
			int files0 = server.openFiles();
			int held = 0;
			StringBuilder progress = new StringBuilder();
			for (int level : Scenarios.IDLE_LEVELS) {
				int count = level - held;
				ChildProcess holder = startHolder(name + "-" + level, port, count);
				holders.add(holder);
				String ready = holder.awaitLine((line) -> line.startsWith("IDLE-READY"), Duration.ofMinutes(2));
				int connected = (ready != null) ? Integer.parseInt(field(ready, "connected")) : 0;
				if (connected < count) {
					errors++;
					result.note(name + ": only " + connected + " of " + count + " idle connections opened; see "
							+ holder.log());
				}
				held += count;
				if (!awaitOpenFiles(server, files0 + held, Duration.ofSeconds(30))) {
					errors++;
					result.note(name + ": the server did not accept all " + held + " connections in 30 s");
				}
				Thread.sleep(1000);
				long heap = server.heapAfterFullGc(logDir, name + "-heap-" + level);
				long rss = server.rssBytes();
				String k = (level / 1000) + "k";
				values.put("heap" + k, (double) heap);
				values.put("rss" + k, (double) rss);
				values.put("heapPerConn" + k, (heap0 >= 0 && heap >= 0) ? (double) (heap - heap0) / level : -1);
				values.put("rssPerConn" + k, (double) (rss - rss0) / level);
				progress.append(String.format(Locale.ROOT, "  %s: heap %,d B/conn, RSS %,d B/conn", k,
						(long) (heap - heap0) / level, (rss - rss0) / level));
			}
			values.put("heap0", (double) heap0);
			values.put("rss0", (double) rss0);
			for (ChildProcess holder : holders) {
				holder.closeInput();
			}
			for (ChildProcess holder : holders) {
				String line = holder.awaitLine((text) -> text.startsWith(ResultLine.PREFIX), Duration.ofSeconds(60));
				errors += (line != null) ? Double.parseDouble(ResultLine.parse(line).getOrDefault("errors", "1")) : 1;
			}
			values.put("errors", errors);
			System.out.printf(Locale.ROOT, "  round %d %-8s heap %,d B and RSS %,d KiB with no connection;%s%s%n",
					round, server.label(), heap0, rss0 / 1024, progress, (errors > 0) ? "  ERRORS" : "");
			return values;
		}
		finally {
			holders.forEach(ChildProcess::close);
		}
	}

	private ChildProcess startHolder(String name, int port, int count) throws IOException {
		List<String> command = ServerProcess.pinnedClient(this.options);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.loadgenJvmOptions());
		command.addAll(List.of("-cp", this.options.benchJar().toString(),
				"dev.socketserver.benchmarks.loadgen.LoadGenerator", "--mode", "idle", "--port",
				Integer.toString(port), "--connections", Integer.toString(count), "--connect-rate",
				Integer.toString(CONNECT_RATE), "--hold", "600s"));
		return ChildProcess.start(name + "-idle-loadgen", command, this.options.logDir());
	}

	private static boolean awaitOpenFiles(ServerProcess server, int files, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (server.openFiles() >= files) {
				return true;
			}
			Thread.sleep(100);
		}
		return false;
	}

	private static String field(String line, String key) {
		for (String word : line.split("\\s+")) {
			if (word.startsWith(key + "=")) {
				return word.substring(key.length() + 1);
			}
		}
		return "0";
	}

}
