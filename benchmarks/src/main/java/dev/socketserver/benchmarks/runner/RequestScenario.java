package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.socketserver.benchmarks.ResultLine;

/**
 * The request/response scenario: round trips through {@code Connection.request} of a {@code SocketClient} against
 * a hand-written Netty client with the same correlation (a map of sequence numbers and a timeout per request),
 * each driven by {@code RequestLoad} on the client CPU against the baseline echo server on the server CPU, the
 * side measured first alternating between rounds. Here the requester is what is measured: its CPU per round trip
 * is the figure that tells the two apart, since the same echo server answers both.
 *
 * @since 0.1.0
 */
final class RequestScenario {

	static final String ID = "RR";

	static final int CONNECTIONS = 10;

	static final int IN_FLIGHT = 16;

	static final int PAYLOAD = 64;

	private final RunnerOptions options;

	private final Ports ports;

	private final int clockTicks;

	RequestScenario(RunnerOptions options, Ports ports, int clockTicks) {
		this.options = options;
		this.ports = ports;
		this.clockTicks = clockTicks;
	}

	static String title() {
		return String.format(Locale.ROOT, "request/response, %d connections x %d B x %d in flight, SocketClient vs "
				+ "hand-written Netty client", CONNECTIONS, PAYLOAD, IN_FLIGHT);
	}

	static List<Metric> metrics() {
		return List.of(Metric.higher("msgPerSec", "round trips/s").inChart(),
				Metric.lower("p50us", "round trip p50 us"), Metric.lower("p99us", "round trip p99 us").inChart(),
				Metric.lower("p999us", "round trip p99.9 us"),
				Metric.lower("clientCpuNsPerMsg", "requester CPU ns/round trip").inChart());
	}

	ScenarioResult run(ServerProcess echo) throws IOException, InterruptedException {
		ScenarioResult result = new ScenarioResult(ID, title(), "raw Netty client", metrics());
		System.out.println();
		System.out.println(ID + ": " + result.title());
		for (int round = 1; round <= this.options.roundsOf(ID); round++) {
			int current = round;
			RoundOrder.measure(result, round, (side) -> measure(result, current,
					(side == RoundOrder.Side.BASELINE) ? "raw" : "client", echo));
		}
		return result;
	}

	private Map<String, Double> measure(ScenarioResult result, int round, String side, ServerProcess echo)
			throws IOException, InterruptedException {
		String name = ID + "-r" + round + "-" + side;
		List<String> command = ServerProcess.pinnedClient(this.options);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.loadgenJvmOptions());
		command.addAll(List.of("-cp", this.options.benchJar().toString(),
				"dev.socketserver.benchmarks.request.RequestLoad", "--side", side, "--port",
				Integer.toString(this.ports.baselineEcho()), "--connections", Integer.toString(CONNECTIONS),
				"--in-flight", Integer.toString(IN_FLIGHT), "--payload", Integer.toString(PAYLOAD), "--transport",
				this.options.transport().name().toLowerCase(Locale.ROOT), "--clock-ticks",
				Integer.toString(this.clockTicks)));
		command.addAll(this.options.timingArguments(ID));
		Map<String, Double> values = new LinkedHashMap<>();
		try (ChildProcess load = ChildProcess.start(name, command, this.options.logDir())) {
			String line = load.awaitLine((text) -> text.startsWith(ResultLine.PREFIX), Duration.ofMinutes(3));
			load.waitFor(Duration.ofSeconds(30));
			if (line == null) {
				System.out.println("  " + name + ": no result; see " + load.log());
				values.put("errors", 1.0);
				return values;
			}
			ResultLine.parse(line).forEach((key, value) -> {
				try {
					values.put(key, Double.parseDouble(value));
				}
				catch (NumberFormatException ex) {
					// Words: the side and the first error.
				}
			});
			if (values.getOrDefault("errors", 0.0) > 0) {
				result.note(name + ": " + ResultLine.parse(line).get("firstError"));
			}
		}
		System.out.printf(Locale.ROOT, "  round %d %-8s %,10.0f round trips/s  p99 %,9.1f us  requester CPU %,8.0f ns"
				+ " (%3.0f%% of a core)%n", round, side, values.getOrDefault("msgPerSec", 0.0),
				values.getOrDefault("p99us", 0.0), values.getOrDefault("clientCpuNsPerMsg", 0.0),
				100 * values.getOrDefault("clientCpuUtil", 0.0));
		return values;
	}

}
