package dev.socketserver.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios of the comparison, their load generator settings, their metrics and the floors the ratios are
 * reported against. The floors are for reporting, not for tuning to: both sides always get the same settings.
 *
 * @since 0.1.0
 */
final class Scenarios {

	/**
	 * Idle connection counts of S5. Each step is held by a load generator of its own, so that no process nears the
	 * 20,000 open files this machine allows: the server holds 19,000 sockets and a few dozen other files.
	 */
	static final int[] IDLE_LEVELS = { 10_000, 15_000, 19_000 };

	/** The redis-benchmark command lines of the RESP scenario, as keys and arguments. */
	static final List<List<String>> RESP_COMMAND_LINES = List.of(
			List.of("c50P16", "-t", "ping,set,get", "-c", "50", "-P", "16"),
			List.of("c1000P1", "-t", "ping,set,get", "-c", "1000", "-P", "1"));

	/** Tests that {@code -t ping,set,get} runs; {@code ping} runs an inline and a multi-bulk PING. */
	static final List<String> RESP_TESTS = List.of("PING_INLINE", "PING_MBULK", "SET", "GET");

	private Scenarios() {
	}

	/**
	 * A scenario driven by the load generator against the echo servers.
	 *
	 * @param id short id
	 * @param title what it is
	 * @param line whether it uses the line echo ports
	 * @param args load generator arguments, the same for both sides
	 * @param metrics what is compared
	 */
	record Load(String id, String title, boolean line, List<String> args, List<Metric> metrics) {

		/**
		 * Returns whether the scenario uses the JSON echo ports.
		 */
		boolean json() {
			int index = this.args.indexOf("--protocol");
			return index >= 0 && "json".equals(this.args.get(index + 1));
		}

		/**
		 * Returns whether the scenario measures the demo's echo of buffer payloads.
		 */
		boolean buffers() {
			return this.id.equals(BUFFERS_ID);
		}

	}

	/** Key of the server CPU per message in a load scenario's figures. */
	static final String CPU_KEY = "serverCpuNsPerMsg";

	/** The demo's JSON echo server, which the JSON scenarios measure. */
	static final String JSON_SERVER = "json-echo";

	/** The demo's echo of buffer payloads, which S3B measures. */
	static final String BUFFER_SERVER = "echo-buffer";

	private static final String BUFFERS_ID = "S3B";

	static Load load(String id) {
		return switch (id) {
			case "S1" -> echo(id, "length-field echo, 100 connections x 64 B x pipeline 16", false, 100, "64", 16,
					true, true, true);
			case "S2" -> echo(id, "length-field echo, 1,000 connections x 64 B x pipeline 1", false, 1000, "64", 1,
					false, false, true);
			case "S3" -> echo(id, "length-field echo, 10 connections x 4 KiB x pipeline 8", false, 10, "4k", 8, true,
					false, true);
			case BUFFERS_ID -> echo(id, "length-field echo of buffer payloads (echo-buffer), 10 connections x 4 KiB x "
					+ "pipeline 8", false, 10, "4k", 8, true, false, true);
			case "L1" -> echo(id, "line echo, 100 connections x 64 B x pipeline 16", true, 100, "64", 16, false,
					false, false);
			case "L2" -> echo(id, "line echo, 10 connections x 4 KiB x pipeline 8", true, 10, "4k", 8, false, false,
					false);
			case "J1" -> json(id, "JSON echo, 100 connections x 64 B x pipeline 16", 100, "64", 16);
			case "J2" -> json(id, "JSON echo, 10 connections x 4 KiB x pipeline 8", 10, "4k", 8);
			case "S4" -> new Load(id, "connect, echo 64 B, close; 32 parallel slots", false,
					List.of("--mode", "connect", "--concurrency", "32", "--payload", "64"),
					List.of(Metric.higher("msgPerSec", "connections/s").withFloor(0.9),
							Metric.lower("p50us", "connect-to-echo p50 us"),
							Metric.lower("p99us", "connect-to-echo p99 us"),
							Metric.lower("serverCpuNsPerMsg", "server CPU ns/connection").inChart()));
			case "GO1", "C1" -> reference(id);
			default -> throw new IllegalArgumentException("Not a load scenario: " + id);
		};
	}

	private static Load echo(String id, String title, boolean line, int connections, String payload, int pipeline,
			boolean throughputFloor, boolean cpuAmbition, boolean latencyFloor) {
		List<Metric> metrics = new ArrayList<>();
		Metric throughput = Metric.higher("msgPerSec", "messages/s");
		metrics.add(throughputFloor ? throughput.withFloor(0.95) : throughput.inChart());
		metrics.add(Metric.higher("mbPerSec", "MB/s"));
		metrics.add(Metric.lower("p50us", "latency p50 us"));
		Metric p99 = Metric.lower("p99us", "latency p99 us");
		metrics.add(latencyFloor ? p99.withFloor(1.10) : p99);
		metrics.add(Metric.lower("p999us", "latency p99.9 us"));
		Metric cpu = Metric.lower(CPU_KEY, "server CPU ns/message");
		metrics.add(cpuAmbition ? cpu.withAmbition(0.59) : cpu.inChart());
		return new Load(id, title, line, List.of("--mode", "echo", "--protocol", line ? "line" : "length",
				"--connections", Integer.toString(connections), "--payload", payload, "--pipeline",
				Integer.toString(pipeline)), metrics);
	}

	/**
	 * S1's load against a reference server instead of the demo, compared with the same baseline.
	 */
	private static Load reference(String id) {
		ReferenceServer server = ReferenceServer.of(id);
		Load s1 = load("S1");
		return new Load(id, "S1's load, with the " + server.label() + " reference server in the demo's place",
				false, s1.args(), List.of(Metric.higher("msgPerSec", "messages/s"), Metric.lower("p99us",
						"latency p99 us"), Metric.lower(CPU_KEY, "server CPU ns/message").inChart()));
	}

	/**
	 * A JSON echo: each line a compact object parsed to a tree and written back (the same bytes), on the demo's
	 * {@code json-echo} server and the baseline's Netty + Jackson echo.
	 */
	private static Load json(String id, String title, int connections, String payload, int pipeline) {
		Load echo = echo(id, title, true, connections, payload, pipeline, false, false, false);
		List<String> args = new ArrayList<>(echo.args());
		args.set(args.indexOf("--protocol") + 1, "json");
		return new Load(id, title, false, List.copyOf(args), echo.metrics());
	}

	static List<Metric> idleMetrics() {
		List<Metric> metrics = new ArrayList<>();
		for (int level : IDLE_LEVELS) {
			String k = (level / 1000) + "k";
			metrics.add(Metric.lower("heapPerConn" + k, "heap B/connection, " + k + " idle").withFloor(1.25));
			metrics.add(Metric.lower("rssPerConn" + k, "RSS B/connection, " + k + " idle").inChart());
		}
		return metrics;
	}

	static List<Metric> respMetrics() {
		List<Metric> metrics = new ArrayList<>();
		for (List<String> commandLine : RESP_COMMAND_LINES) {
			String key = commandLine.get(0);
			for (String test : RESP_TESTS) {
				metrics.add(Metric.higher(key + "." + test + ".rps", key + " " + test + " requests/s").inChart());
				metrics.add(Metric.lower(key + "." + test + ".p99ms", key + " " + test + " p99 ms"));
			}
			metrics.add(Metric.lower(key + ".cpuNsPerReq", key + " server CPU ns/request").inChart());
		}
		return metrics;
	}

}
