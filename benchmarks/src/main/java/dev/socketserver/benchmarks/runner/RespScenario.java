package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.socketserver.benchmarks.ProcessStats;
import dev.socketserver.benchmarks.resp.RespVerifier;
import org.jspecify.annotations.Nullable;

/**
 * The RESP scenario: the demo's RESP2 key-value server against a real redis-server, both pinned to the server CPU,
 * under the same redis-benchmark command lines run from the client CPU, interleaved, the side measured first
 * alternating between rounds. Skipped, with the reason, when
 * the demo has no RESP server.
 *
 * @since 0.1.0
 */
final class RespScenario {

	/** Pipelines per connection of the verifying pass after each side's redis-benchmark runs: 32,000 replies. */
	private static final int VERIFY_ROUNDS = 500;

	/** Requests of the warm-up per command line, in measurements' worth. */
	private static final int WARMUP_FACTOR = 2;

	private final RunnerOptions options;

	private final Ports ports;

	private final int clockTicks;

	private final @Nullable String missingRespServer;

	RespScenario(RunnerOptions options, Ports ports, int clockTicks) {
		this.options = options;
		this.ports = ports;
		this.clockTicks = clockTicks;
		this.missingRespServer = missingRespServer(options);
	}

	/**
	 * Returns why the demo has no RESP server to measure, judged from its jar, or {@code null} if it declares one.
	 * @param options the settings, naming the demo jar and its RESP server
	 * @return the reason, or {@code null}
	 */
	static @Nullable String missingRespServer(RunnerOptions options) {
		try {
			return new DemoJar(options.demoJar()).declaresServer(options.respServer()) ? null
					: "no '" + options.respServer() + "' server in its application configuration";
		}
		catch (IOException ex) {
			return "demo jar not readable: " + ex.getMessage();
		}
	}

	/**
	 * Returns the demo arguments that move its RESP server to the run's port, away from 6380, which another
	 * instance may hold; none when the demo declares no such server, since naming one would create it.
	 * @param options the settings
	 * @param ports the run's ports
	 * @return the arguments
	 */
	static List<String> demoArguments(RunnerOptions options, Ports ports) {
		if (missingRespServer(options) != null) {
			return List.of();
		}
		return List.of("--socket.servers." + options.respServer() + ".port=" + ports.demoResp());
	}

	ScenarioResult run(@Nullable ServerProcess demo) throws IOException, InterruptedException {
		ScenarioResult result = new ScenarioResult("RESP",
				"RESP2 key-value server vs redis-server, redis-benchmark -t ping,set,get (-c 50 -P 16; -c 1000 -P 1)",
				"redis-server", Scenarios.respMetrics());
		System.out.println();
		System.out.println("RESP: " + result.title());
		Path redisServer = BenchmarkRunner.onPath("redis-server");
		Path redisBenchmark = BenchmarkRunner.onPath("redis-benchmark");
		if (redisServer == null || redisBenchmark == null) {
			return skipped(result, "redis-server or redis-benchmark not installed (benchmarks/run.sh installs the "
					+ "Debian package redis-server with apt-get)");
		}
		List<ServerProcess> started = new ArrayList<>();
		try {
			ServerProcess demoSide;
			int demoPort;
			if (this.options.respAgainstRedis()) {
				demoSide = ServerProcess.redis(this.options, "redis-as-demo", redisServer, this.ports.redisAsDemo(),
						this.options.logDir(), "redis-as-demo");
				started.add(demoSide);
				demoSide.awaitReady(BenchmarkRunner.START_TIMEOUT);
				demoPort = this.ports.redisAsDemo();
				result.note("Tooling check: the demo side is a second redis-server, not the demo application.");
			}
			else {
				if (this.missingRespServer != null || demo == null) {
					return skipped(result, "skipped: demo has no RESP server ("
							+ ((this.missingRespServer != null) ? this.missingRespServer : "demo not running") + ")");
				}
				if (!ServerProcess.answersPing(this.ports.demoResp())) {
					return skipped(result, "skipped: demo has no RESP server (no +PONG to PING on port "
							+ this.ports.demoResp() + ")");
				}
				demoSide = demo;
				demoPort = this.ports.demoResp();
			}
			ServerProcess redis = ServerProcess.redis(this.options, "redis-server", redisServer, this.ports.redis(),
					this.options.logDir(), "redis-server");
			started.add(redis);
			redis.awaitReady(BenchmarkRunner.START_TIMEOUT);
			warmUp(redis, this.ports.redis(), redisBenchmark);
			warmUp(demoSide, demoPort, redisBenchmark);
			for (int round = 1; round <= this.options.roundsOf("RESP"); round++) {
				int current = round;
				RoundOrder.measure(result, round, (side) -> (side == RoundOrder.Side.BASELINE)
						? measure(result, current, redis, this.ports.redis(), redisBenchmark)
						: measure(result, current, demoSide, demoPort, redisBenchmark));
			}
			return result;
		}
		finally {
			started.forEach(ServerProcess::close);
		}
	}

	private ScenarioResult skipped(ScenarioResult result, String reason) {
		System.out.println("  " + reason);
		result.skip(reason);
		return result;
	}

	/**
	 * Runs every command line against a server, unmeasured, with {@value #WARMUP_FACTOR} times the requests of a
	 * measurement, so that the first round does not measure the JIT compiling the RESP path: the load scenarios
	 * before this one warm only the echo paths, and the compiler threads share the server's one CPU, so a cold
	 * demo took seconds to reach its speed. Both sides get the same, although redis-server has nothing to warm.
	 */
	private void warmUp(ServerProcess server, int port, Path redisBenchmark) throws IOException, InterruptedException {
		System.out.println("  warming up " + server.label() + " with each command line, unmeasured");
		for (int i = 0; i < Scenarios.RESP_COMMAND_LINES.size(); i++) {
			try (ChildProcess benchmark = ChildProcess.start("RESP-warmup-"
					+ Scenarios.RESP_COMMAND_LINES.get(i).get(0) + "-" + server.label(),
					redisBenchmark(redisBenchmark, port, i, WARMUP_FACTOR), this.options.logDir())) {
				benchmark.waitFor(Duration.ofSeconds(300));
			}
		}
	}

	private Map<String, Double> measure(ScenarioResult result, int round, ServerProcess server, int port,
			Path redisBenchmark) throws IOException, InterruptedException {
		Map<String, Double> values = new LinkedHashMap<>();
		double errors = 0;
		for (int i = 0; i < Scenarios.RESP_COMMAND_LINES.size(); i++) {
			List<String> commandLine = Scenarios.RESP_COMMAND_LINES.get(i);
			String key = commandLine.get(0);
			int requests = this.options.respRequests()[i];
			List<String> command = redisBenchmark(redisBenchmark, port, i, 1);
			String name = "RESP-" + key + "-r" + round + "-" + server.label();
			long cpuBefore = ProcessStats.cpuNanos(server.pid(), this.clockTicks);
			int tests = 0;
			try (ChildProcess benchmark = ChildProcess.start(name, command, this.options.logDir())) {
				int exit = benchmark.waitFor(Duration.ofSeconds(180));
				long cpu = ProcessStats.cpuNanos(server.pid(), this.clockTicks) - cpuBefore;
				for (String line : benchmark.output()) {
					String[] fields = line.replace("\"", "").split(",");
					if (fields.length >= 7 && Scenarios.RESP_TESTS.contains(fields[0])) {
						values.put(key + "." + fields[0] + ".rps", Double.parseDouble(fields[1]));
						values.put(key + "." + fields[0] + ".p99ms", Double.parseDouble(fields[6]));
						tests++;
					}
				}
				if (exit != 0 || tests < Scenarios.RESP_TESTS.size()) {
					errors++;
					result.note("redis-benchmark failed or reported fewer tests against " + server.label()
							+ " (exit " + exit + "); see " + benchmark.log());
				}
				if (tests > 0 && cpuBefore >= 0) {
					values.put(key + ".cpuNsPerReq", (double) cpu / ((double) requests * tests));
				}
			}
			System.out.printf(Locale.ROOT, "  round %d %-13s %-8s %s%n", round, server.label(), key,
					summary(values, key));
		}
		RespVerifier.Result verified = RespVerifier.verify(new InetSocketAddress("127.0.0.1", port), VERIFY_ROUNDS);
		values.put("verifiedCommands", (double) verified.commands());
		if (verified.errors() > 0) {
			errors += verified.errors();
			result.note("Verifying pass against " + server.label() + ": " + verified.errors() + " wrong or missing "
					+ "replies, the first: " + verified.firstError());
		}
		System.out.printf(Locale.ROOT, "  round %d %-13s verified %,d replies of PING, SET and GET: %s%n", round,
				server.label(), verified.commands(), (verified.errors() == 0) ? "all right"
						: verified.errors() + " wrong");
		values.put("errors", errors);
		return values;
	}

	/** The i-th command line of the scenario against a port, pinned to the client CPU, with n times the requests. */
	private List<String> redisBenchmark(Path redisBenchmark, int port, int i, int n) {
		List<String> commandLine = Scenarios.RESP_COMMAND_LINES.get(i);
		List<String> command = ServerProcess.pinnedClient(this.options);
		command.addAll(List.of(redisBenchmark.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
		command.addAll(commandLine.subList(1, commandLine.size()));
		command.addAll(List.of("-n", Long.toString((long) n * this.options.respRequests()[i]), "--csv"));
		return command;
	}

	private static String summary(Map<String, Double> values, String key) {
		StringBuilder summary = new StringBuilder();
		for (String test : Scenarios.RESP_TESTS) {
			Double rps = values.get(key + "." + test + ".rps");
			summary.append(String.format(Locale.ROOT, "%s %s  ", test,
					(rps != null) ? String.format(Locale.ROOT, "%,.0f/s", rps) : "-"));
		}
		Double cpu = values.get(key + ".cpuNsPerReq");
		if (cpu != null) {
			summary.append(String.format(Locale.ROOT, "server CPU %,.0f ns/req", cpu));
		}
		return summary.toString().trim();
	}

}
