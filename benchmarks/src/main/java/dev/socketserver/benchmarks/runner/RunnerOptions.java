package dev.socketserver.benchmarks.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.benchmarks.Options;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a comparison run; see {@link #USAGE}.
 *
 * @param quick short rounds for a smoke test
 * @param scenarios ids of the scenarios to run, in order
 * @param rounds measurements per side, by scenario; the order of the sides alternates between rounds
 * @param warmup untimed warm-up of each measurement, by load scenario
 * @param duration measured time of each measurement, by load scenario
 * @param prewarm untimed load on each server before the first measurement, for the JIT
 * @param respRequests redis-benchmark {@code -n} for the pipelined and the unpipelined command line
 * @param transport server transport, the same on both sides
 * @param workerThreads server worker threads, the same on both sides
 * @param serverJvmOptions JVM options, the same on both sides
 * @param loadgenJvmOptions JVM options of the load generator
 * @param serverCpu CPU the servers are pinned to
 * @param clientCpu CPU the load generator is pinned to
 * @param pin whether to pin with taskset
 * @param basePort first port of the block the runner uses
 * @param demoJar the demo application's jar
 * @param benchJar the benchmarks' shaded jar
 * @param demoArgs extra demo arguments for all scenarios
 * @param idleDemoArgs extra demo arguments for the idle-memory scenario
 * @param respServer name of the demo's RESP server in {@code socket.servers}
 * @param respAgainstRedis run a second redis-server as the demo side, to check the RESP tooling
 * @param outputDir where {@code RESULTS.md} and the chart go
 * @param logDir where process logs go
 * @param repoRoot the repository, for the commit id
 * @since 0.1.0
 */
record RunnerOptions(boolean quick, List<String> scenarios, PerScenario<Integer> rounds,
		PerScenario<Duration> warmup, PerScenario<Duration> duration, Duration prewarm, int[] respRequests,
		NettyTransport transport, int workerThreads, List<String> serverJvmOptions, List<String> loadgenJvmOptions,
		int serverCpu, int clientCpu, boolean pin, int basePort, Path demoJar, Path benchJar, List<String> demoArgs,
		List<String> idleDemoArgs, String respServer, boolean respAgainstRedis, Path outputDir, Path logDir,
		Path repoRoot) {

	static final List<String> ALL_SCENARIOS = List.of("S1", "GO1", "C1", "S2", "S3", "S3B", "L1", "L2", "J1", "J2",
			"S4", "RR", "RESP", "CLUSTER", "S5", "START", "AOT");

	/** Scenarios a quick run leaves out unless asked for. */
	static final List<String> NOT_QUICK = List.of("L1", "L2", "J1", "J2");

	static final String DEFAULT_JVM_OPTIONS = "-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseParallelGC";

	/**
	 * The load generator's, with Netty's leak sampling off: its stack traces cost the client's core, which is often
	 * the limit, and say nothing about the servers (the load generator's tests keep leak detection on).
	 */
	static final String DEFAULT_LOADGEN_JVM_OPTIONS = "-Xms1g -Xmx1g -XX:+UseParallelGC "
			+ "-Dio.netty.leakDetection.level=disabled";

	/**
	 * The demo as shipped, heartbeat wheel and deadlines on, with the connection limit raised for the 15,000 step
	 * and the idle and first-message deadlines lengthened so that the idle connections outlive the measurement.
	 */
	static final String DEFAULT_IDLE_DEMO_ARGS = "--socket.servers.echo.limits.max-connections=20000 "
			+ "--socket.servers.echo.heartbeat.read-idle-timeout=30m "
			+ "--socket.servers.echo.limits.first-message-timeout=30m";

	static final String USAGE = """
			Usage: benchmarks/run.sh [options]   (or java -cp socket-server-benchmarks.jar \
			dev.socketserver.benchmarks.runner.BenchmarkRunner)
			  --quick                    short rounds for a smoke test (about 2 minutes); numbers are not results
			  --scenarios LIST           comma-separated, from S1,GO1,C1,S2,S3,S3B,L1,L2,J1,J2,S4,RR,RESP,
			                             CLUSTER,S5,START,AOT (default all; quick: no L1, L2, J1, J2)
			  --rounds N[,ID=N...]       rounds per scenario and side, e.g. 5 or S3=9 or 5,S3=9 (default 5,
			                             S5=2, RESP=3, CLUSTER=3; quick 2, S5=1, RESP=1); the side measured
			                             first alternates: baseline first in odd rounds, demo first in even rounds
			  --warmup D[,ID=D...]       untimed warm-up per measurement, e.g. 2s,S3=4s (default 2s, CLUSTER=10s;
			                             quick 1s, CLUSTER=3s)
			  --duration D[,ID=D...]     measured time per measurement (default 6s, quick 2s); S5 and RESP take
			                             neither warm-up nor duration
			  --prewarm D                untimed load on each server before the first round (default 8s, quick 2s)
			  --idle-rounds N            same as --rounds S5=N
			  --resp-rounds N            same as --rounds RESP=N
			  --resp-requests N,N        redis-benchmark -n for -P 16 and -P 1
			                             (default 3000000,200000; quick 200000,50000)
			  --transport T              server transport on both sides: auto, io_uring, epoll, nio (default auto)
			  --worker-threads N         server worker threads on both sides (default 1)
			  --jvm-opts "..."           server JVM options on both sides
			                             (default "-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseParallelGC")
			  --loadgen-jvm-opts "..."   load generator JVM options (default "-Xms1g -Xmx1g -XX:+UseParallelGC
			                             -Dio.netty.leakDetection.level=disabled")
			  --server-cpu N --client-cpu N   taskset CPUs (default 0 and 1); --no-pin to not pin
			  --base-port P              first of the ports used (default 17100; the next free block is used if busy)
			  --demo-jar PATH            default demo-app/target/socket-server-demo-app-0.1.0-SNAPSHOT.jar
			  --demo-args="..."          extra demo arguments, all scenarios
			  --idle-demo-args="..."     extra demo arguments for S5 (default: limit 20000, heartbeat on)
			  --resp-server NAME         the demo's RESP server in socket.servers (default resp)
			  --resp-against-redis       use a second redis-server as the demo side (checks the RESP tooling)
			  --output-dir DIR           RESULTS.md and results-ratios.svg (default benchmarks)
			  --log-dir DIR              process logs (default benchmarks/target/bench-logs/<time>)
			""";

	static RunnerOptions parse(String... args) {
		Options options = Options.parse("runner", args);
		boolean quick = options.flag("quick");
		List<String> defaultScenarios = new ArrayList<>(ALL_SCENARIOS);
		if (quick) {
			defaultScenarios.removeAll(NOT_QUICK);
		}
		List<String> scenarios = new ArrayList<>();
		for (String id : options.list("scenarios", defaultScenarios)) {
			String upper = id.toUpperCase(Locale.ROOT);
			if (!ALL_SCENARIOS.contains(upper)) {
				throw new IllegalArgumentException("Unknown scenario " + id + " (" + ALL_SCENARIOS + ")");
			}
			scenarios.add(upper);
		}
		Path repoRoot = Path.of("").toAbsolutePath();
		int[] respRequests = parseRequests(options.string("resp-requests", quick ? "200000,50000" : "3000000,200000"));
		RunnerOptions result = new RunnerOptions(quick, scenarios, rounds(options, quick, scenarios),
				withClusterWarmup(loadSetting(options, "warmup", Duration.ofSeconds(quick ? 1 : 2), scenarios), quick),
				loadSetting(options, "duration", Duration.ofSeconds(quick ? 2 : 6), scenarios),
				options.duration("prewarm", Duration.ofSeconds(quick ? 2 : 8)), respRequests,
				NettyTransport.parse(options.string("transport", "auto")),
				options.integer("worker-threads", 1), words(options.string("jvm-opts", DEFAULT_JVM_OPTIONS)),
				words(options.string("loadgen-jvm-opts", DEFAULT_LOADGEN_JVM_OPTIONS)),
				options.integer("server-cpu", 0), options.integer("client-cpu", 1), !options.flag("no-pin"),
				options.integer("base-port", 17100),
				Path.of(options.string("demo-jar", "demo-app/target/socket-server-demo-app-0.1.0-SNAPSHOT.jar")),
				Path.of(options.string("bench-jar", ownJar())), words(options.string("demo-args", "")),
				words(options.string("idle-demo-args", DEFAULT_IDLE_DEMO_ARGS)), options.string("resp-server", "resp"),
				options.flag("resp-against-redis"), Path.of(options.string("output-dir", "benchmarks")),
				Path.of(options.string("log-dir",
						"benchmarks/target/bench-logs/" + LocalDateTime.now().withNano(0).toString()
							.replace(':', '-'))),
				repoRoot);
		options.rejectUnknown();
		return result;
	}

	RunnerOptions {
		for (String id : ALL_SCENARIOS) {
			if (rounds.of(id) < 1) {
				throw new IllegalArgumentException("--rounds must be positive (" + id + ": " + rounds.of(id) + ")");
			}
		}
		if (workerThreads < 1) {
			throw new IllegalArgumentException("--worker-threads must be positive");
		}
	}

	boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	/**
	 * Returns the scenarios of this run that take a warm-up and a measured duration: those the load generator
	 * drives against the echo servers, and the request/response scenario.
	 */
	List<String> loadScenarios() {
		return loadScenarios(this.scenarios);
	}

	private static List<String> loadScenarios(List<String> scenarios) {
		return scenarios.stream()
			.filter((id) -> !List.of("S5", "RESP", StartupScenario.STARTER, StartupScenario.AOT).contains(id))
			.toList();
	}

	/**
	 * Returns the rounds of a scenario.
	 */
	int roundsOf(String scenario) {
		return this.rounds.of(scenario);
	}

	/**
	 * Returns the load generator's {@code --warmup} and {@code --duration} arguments for a load scenario.
	 */
	List<String> timingArguments(String scenario) {
		return List.of("--warmup", BenchmarkRunner.seconds(this.warmup.of(scenario)), "--duration",
				BenchmarkRunner.seconds(this.duration.of(scenario)));
	}

	private static PerScenario<Integer> rounds(Options options, boolean quick, List<String> scenarios) {
		PerScenario<Integer> given = PerScenario.parse("rounds", options.string("rounds", ""), quick ? 2 : 5,
				scenarios, (text) -> number("rounds", text));
		Map<String, Integer> overrides = new LinkedHashMap<>(given.overrides());
		String idle = options.optionalString("idle-rounds");
		String resp = options.optionalString("resp-rounds");
		putOnce(overrides, "S5", idle, "idle-rounds", quick ? 1 : 2);
		putOnce(overrides, "RESP", resp, "resp-rounds", quick ? 1 : 3);
		// Three variants a round, each a fresh JVM with two nodes: three rounds keep it near two minutes.
		overrides.putIfAbsent(ClusterScenario.ID, quick ? 2 : 3);
		return new PerScenario<>(given.defaultValue(), overrides);
	}

	private static void putOnce(Map<String, Integer> overrides, String id, @Nullable String value, String option,
			int defaultValue) {
		if (value == null) {
			overrides.putIfAbsent(id, defaultValue);
		}
		else if (overrides.containsKey(id)) {
			throw new IllegalArgumentException("--rounds " + id + "=N and --" + option + " both given");
		}
		else {
			overrides.put(id, number(option, value));
		}
	}

	/**
	 * Returns a duration that only the load scenarios take, one for all or per scenario.
	 */
	private static PerScenario<Duration> loadSetting(Options options, String name, Duration defaultValue,
			List<String> scenarios) {
		return PerScenario.parse(name, options.string(name, ""), defaultValue, loadScenarios(scenarios),
				(text) -> Options.parse("runner", "--" + name + "=" + text).duration(name, defaultValue));
	}

	/**
	 * Gives CLUSTER a longer warm-up unless it is named: each of its measurements is a fresh JVM that compiles two
	 * nodes, Lettuce and Netty on one core, and C2 stays busy for about 14 s after the start.
	 */
	private static PerScenario<Duration> withClusterWarmup(PerScenario<Duration> warmup, boolean quick) {
		Map<String, Duration> overrides = new LinkedHashMap<>(warmup.overrides());
		overrides.putIfAbsent(ClusterScenario.ID, Duration.ofSeconds(quick ? 3 : 10));
		return new PerScenario<>(warmup.defaultValue(), overrides);
	}

	private static int number(String option, String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + option + " takes whole numbers but got '" + text + "'");
		}
	}

	private static int[] parseRequests(String text) {
		String[] parts = text.split(",");
		if (parts.length != 2) {
			throw new IllegalArgumentException("--resp-requests takes two numbers, e.g. 1000000,100000");
		}
		return new int[] { Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()) };
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
	}

	static String ownJar() {
		try {
			return Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
		}
		catch (Exception ex) {
			return "benchmarks/target/socket-server-benchmarks.jar";
		}
	}

}
