package dev.socketserver.benchmarks.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.socketserver.benchmarks.ResultLine;

/**
 * The cluster scenario: closed-loop identity sends from cluster node {@code a} to connections on node {@code b}
 * over one redis-server, against the same sends issued on node {@code b} to its own connections, and against a
 * plain Lettuce publish/subscribe round trip on the same Redis, the floor below which the cluster cannot go. Each
 * measurement is a fresh {@code ClusterLoad} JVM on the client CPU (both nodes, their clients and the sender, or the
 * Lettuce publisher and subscriber); redis-server runs on the server CPU. It gives two comparisons, cross-node
 * against local and cross-node against raw Lettuce, each with the cross-node side as "demo".
 *
 * @since 0.1.0
 */
final class ClusterScenario {

	static final String ID = "CLUSTER";

	/** Id of the second comparison in the report, cross-node against raw Lettuce. */
	static final String RAW_ID = "CLUSTER-RAW";

	static final int IDENTITIES = 10;

	static final int WINDOW = 16;

	static final int PAYLOAD = 64;

	/** Upper bound on the messages of one measurement, besides its time. */
	static final long MAX_MESSAGES = 2_000_000;

	private final RunnerOptions options;

	private final int clockTicks;

	ClusterScenario(RunnerOptions options, int clockTicks) {
		this.options = options;
		this.clockTicks = clockTicks;
	}

	/**
	 * What one measurement runs.
	 */
	enum Variant {

		/** Node a sends to identities on node b. */
		CLUSTER,

		/** Node b sends to its own identities. */
		LOCAL,

		/** Plain Lettuce publish and subscribe. */
		RAW

	}

	/**
	 * Returns the order of a round's measurements: both references, then the cross-node side in odd rounds, the
	 * reverse in even ones, so that each comparison follows {@link RoundOrder#of(int)}.
	 * @param round the round, from 1
	 * @return the variants in the order measured
	 */
	static List<Variant> order(int round) {
		List<Variant> referencesFirst = List.of(Variant.RAW, Variant.LOCAL, Variant.CLUSTER);
		return (RoundOrder.of(round) == RoundOrder.BASELINE_FIRST) ? referencesFirst
				: List.of(Variant.CLUSTER, Variant.LOCAL, Variant.RAW);
	}

	/**
	 * Adds a round's three measurements to the two comparisons, the cross-node one on the "demo" side of both.
	 * @param local cross-node against local
	 * @param raw cross-node against raw Lettuce
	 * @param round the round, from 1
	 * @param values each variant's figures
	 */
	static void addRound(ScenarioResult local, ScenarioResult raw, int round,
			Map<Variant, Map<String, Double>> values) {
		local.addRound(values.get(Variant.LOCAL), values.get(Variant.CLUSTER), RoundOrder.of(round));
		raw.addRound(values.get(Variant.RAW), values.get(Variant.CLUSTER), RoundOrder.of(round));
	}

	/**
	 * Returns the process id a Redis server reports in {@code INFO server}, or -1 if it gives none.
	 * @param port the server's port on loopback
	 * @return the process id, or -1
	 */
	static long processId(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(2000);
			socket.getOutputStream()
				.write("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			List<String> lines = new ArrayList<>();
			String line;
			while ((line = reader.readLine()) != null && lines.size() < 200) {
				lines.add(line);
				if (processId(lines) >= 0) {
					break;
				}
			}
			return processId(lines);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Returns the {@code process_id} field of an {@code INFO} reply's lines, or -1 if there is none.
	 * @param lines the reply's lines
	 * @return the process id, or -1
	 */
	static long processId(List<String> lines) {
		for (String line : lines) {
			if (line.startsWith("process_id:")) {
				try {
					return Long.parseLong(line.substring("process_id:".length()).trim());
				}
				catch (NumberFormatException ex) {
					return -1;
				}
			}
		}
		return -1;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

	static List<Metric> metrics() {
		return List.of(Metric.higher("msgPerSec", "messages/s").inChart(), Metric.lower("p50us", "latency p50 us"),
				Metric.lower("p99us", "latency p99 us").inChart(), Metric.lower("p999us", "latency p99.9 us"),
				Metric.lower("redisCpuNsPerMsg", "Redis CPU ns/message").inChart(),
				Metric.lower("jvmCpuNsPerMsg", "nodes' JVM CPU ns/message"));
	}

	static String sizes() {
		return String.format(Locale.ROOT, "%d identities x %d B x %d in flight", IDENTITIES, PAYLOAD, WINDOW);
	}

	List<ScenarioResult> run() throws IOException, InterruptedException {
		ScenarioResult local = new ScenarioResult(ID, "identity sends node a -> node b over Redis vs the same sends "
				+ "local to node b, " + sizes(), "local", metrics());
		ScenarioResult raw = new ScenarioResult(RAW_ID, "identity sends node a -> node b over Redis vs a plain "
				+ "Lettuce publish/subscribe round trip on the same Redis (the floor), " + sizes(), "raw Lettuce",
				metrics());
		List<ScenarioResult> results = List.of(local, raw);
		System.out.println();
		System.out.println(ID + ": " + local.title() + "; and " + RAW_ID + ": cross-node vs raw Lettuce");
		Path redisServer = BenchmarkRunner.onPath("redis-server");
		if (redisServer == null) {
			String reason = "skipped: redis-server not installed (benchmarks/run.sh installs the Debian package "
					+ "redis-server with apt-get)";
			System.out.println("  " + reason);
			results.forEach((result) -> result.skip(reason));
			return results;
		}
		// A port the kernel picks, not one of the run's block, which another run on the machine may hold too.
		int port = freePort();
		try (ServerProcess redis = ServerProcess.redis(this.options, "redis-server", redisServer, port,
				this.options.logDir(), "cluster-redis-server")) {
			redis.awaitReady(BenchmarkRunner.START_TIMEOUT);
			long served = processId(port);
			if (served != redis.pid()) {
				String reason = "skipped: the redis-server answering on port " + port + " is process " + served
						+ ", not the one started (" + redis.pid() + "); its CPU would not be ours to measure";
				System.out.println("  " + reason);
				results.forEach((result) -> result.skip(reason));
				return results;
			}
			for (int round = 1; round <= this.options.roundsOf(ID); round++) {
				Map<Variant, Map<String, Double>> values = new LinkedHashMap<>();
				for (Variant variant : order(round)) {
					values.put(variant, measure(results, round, variant, port, redis.pid()));
				}
				addRound(local, raw, round, values);
			}
		}
		String pinning = this.options.pin() ? "redis-server pinned to CPU " + this.options.serverCpu()
				+ ", each measurement's JVM to CPU " + this.options.clientCpu() : "not pinned";
		for (ScenarioResult result : results) {
			result.note("The \"demo\" side is the cross-node sends, node a to node b. One redis-server (--save '' "
					+ "--appendonly no) for all measurements; " + pinning + ". Each "
					+ "measurement is a fresh JVM (" + String.join(" ", this.options.serverJvmOptions()) + ") holding "
					+ "both nodes as Spring contexts with a line server, " + IDENTITIES + " clients connected to node "
					+ "b that bind their identity with their first line, and the sender; or, for raw Lettuce, a "
					+ "publisher and a subscriber connection with one channel per identity.");
			result.note("Closed loop: " + WINDOW + " messages in flight; a message leaves the window when its "
					+ "send's stage has completed and its identity has received it. Latency is send to receipt on the "
					+ "one JVM's clock. The local side's sends still run the routing script in Redis (it finds no "
					+ "other node), so its Redis CPU is that of the script alone. The warm-up is longer than the "
					+ "other scenarios' since each measurement's JVM compiles two nodes on one core.");
			result.note("Redis CPU ns/message: redis-server's utime+stime (/proc) over the measured window, divided "
					+ "by the messages received in it; the JVM figure likewise for the measuring JVM. redis-server "
					+ "listens on a port the kernel picks and must report the process id the runner started.");
		}
		return results;
	}

	private Map<String, Double> measure(List<ScenarioResult> results, int round, Variant variant, int port,
			long redisPid)
			throws IOException, InterruptedException {
		String side = variant.name().toLowerCase(Locale.ROOT);
		String name = ID + "-r" + round + "-" + side;
		List<String> command = ServerProcess.pinnedClient(this.options);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.serverJvmOptions());
		command.addAll(List.of("-cp", this.options.benchJar().toString(),
				"dev.socketserver.benchmarks.cluster.ClusterLoad", "--variant", side, "--redis-port",
				Integer.toString(port), "--redis-pid", Long.toString(redisPid), "--identities",
				Integer.toString(IDENTITIES), "--window", Integer.toString(WINDOW), "--payload",
				Integer.toString(PAYLOAD), "--max-messages", Long.toString(MAX_MESSAGES), "--transport",
				this.options.transport().name().toLowerCase(Locale.ROOT), "--worker-threads",
				Integer.toString(this.options.workerThreads()), "--clock-ticks", Integer.toString(this.clockTicks)));
		command.addAll(this.options.timingArguments(ID));
		Map<String, Double> values = new LinkedHashMap<>();
		try (ChildProcess load = ChildProcess.start(name, command, this.options.logDir())) {
			String line = load.awaitLine((text) -> text.startsWith(ResultLine.PREFIX), Duration.ofMinutes(3));
			load.waitFor(Duration.ofSeconds(30));
			if (line == null) {
				System.out.println("  " + name + ": no result; see " + load.log());
				results.forEach((result) -> result.note(name + " gave no result; see " + load.log()));
				values.put("errors", 1.0);
				return values;
			}
			Map<String, String> figures = ResultLine.parse(line);
			figures.forEach((key, value) -> {
				try {
					values.put(key, Double.parseDouble(value));
				}
				catch (NumberFormatException ex) {
					// Words: the variant and the first error.
				}
			});
			if (values.getOrDefault("errors", 0.0) > 0) {
				results.forEach((result) -> result.note(name + ": " + figures.get("firstError")));
			}
		}
		System.out.printf(Locale.ROOT, "  round %d %-8s %,9.0f msg/s  p50 %,8.1f us  p99 %,9.1f us  Redis CPU %,8.0f "
				+ "ns/msg  JVM CPU %,8.0f ns/msg%s%n", round, side, values.getOrDefault("msgPerSec", 0.0),
				values.getOrDefault("p50us", 0.0), values.getOrDefault("p99us", 0.0),
				values.getOrDefault("redisCpuNsPerMsg", 0.0), values.getOrDefault("jvmCpuNsPerMsg", 0.0),
				(values.getOrDefault("errors", 0.0) > 0) ? "  ERRORS " + values.get("errors").longValue() : "");
		return values;
	}

}
