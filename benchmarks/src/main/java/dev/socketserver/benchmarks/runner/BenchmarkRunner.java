package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.socketserver.benchmarks.ProcessStats;
import dev.socketserver.benchmarks.ResultLine;
import org.jspecify.annotations.Nullable;

/**
 * Runs the demo application and the raw Netty baseline side by side on one machine and compares them: both servers
 * pinned to one CPU with the same JVM options, transport and thread counts, the load generator pinned to another,
 * rounds interleaved with the side measured first alternating (baseline, demo; demo, baseline; ...), medians and
 * demo/baseline ratios reported against their floors, and written to {@code RESULTS.md} with a chart, headed by the
 * command line, the commit and the state of the working tree.
 *
 * @since 0.1.0
 */
public final class BenchmarkRunner {

	static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final RunnerOptions options;

	private final List<String> args;

	private final Ports ports;

	private final int clockTicks;

	private final List<String> otherDemoServers;

	/** Whether the demo's jar declares the JSON echo server of the JSON scenarios. */
	private final boolean demoJsonEcho;

	/** Whether the demo's jar declares the echo of buffer payloads of S3B. */
	private final boolean demoBufferEcho;

	private BenchmarkRunner(RunnerOptions options, List<String> args) {
		this.options = options;
		this.args = args;
		this.ports = Ports.find(options.basePort());
		this.clockTicks = clockTicks(options.repoRoot());
		this.otherDemoServers = otherDemoServers(options);
		this.demoJsonEcho = declares(options, Scenarios.JSON_SERVER);
		this.demoBufferEcho = declares(options, Scenarios.BUFFER_SERVER);
	}

	private static boolean declares(RunnerOptions options, String server) {
		try {
			return new DemoJar(options.demoJar()).serverNames().contains(server);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Returns arguments that move the demo's servers that are not measured to ports the kernel picks, so that
	 * another instance on the machine holding their configured ports cannot stop the demo from starting.
	 */
	static List<String> otherDemoServers(RunnerOptions options) {
		List<String> names;
		try {
			names = new DemoJar(options.demoJar()).serverNames();
		}
		catch (IOException ex) {
			// No jar to read: the demo cannot start either, and says so.
			return List.of();
		}
		List<String> args = new ArrayList<>();
		for (String name : names) {
			String port = "--socket.servers." + name + ".port=";
			boolean given = options.demoArgs().stream().anyMatch((arg) -> arg.startsWith(port));
			if (!name.equals("echo") && !name.equals("line-echo") && !name.equals(Scenarios.JSON_SERVER)
					&& !name.equals(Scenarios.BUFFER_SERVER) && !name.equals(options.respServer()) && !given) {
				args.add(port + "0");
			}
		}
		return args;
	}

	/**
	 * Runs the comparison; exits with 0 when every measurement ran without errors, 1 otherwise, 2 on bad options.
	 * @param args options, see {@link RunnerOptions#USAGE}
	 * @throws Exception if the run cannot go on
	 */
	public static void main(String[] args) throws Exception {
		if (Arrays.asList(args).contains("--help")) {
			System.out.print(RunnerOptions.USAGE);
			return;
		}
		RunnerOptions options;
		try {
			options = RunnerOptions.parse(args);
			check(options);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(RunnerOptions.USAGE);
			System.exit(2);
			return;
		}
		boolean clean = new BenchmarkRunner(options, List.of(args)).run();
		System.exit(clean ? 0 : 1);
	}

	private static void check(RunnerOptions options) {
		if (!Files.isRegularFile(options.benchJar())) {
			throw new IllegalArgumentException("Benchmarks jar not found: " + options.benchJar());
		}
		boolean needsDemo = options.scenarios().stream().anyMatch((id) -> !id.equals("RESP"))
				|| !options.respAgainstRedis();
		if (needsDemo && !Files.isRegularFile(options.demoJar())) {
			throw new IllegalArgumentException("Demo jar not found: " + options.demoJar()
					+ " (build it with: mvn -q -pl demo-app -am package -DskipTests)");
		}
	}

	private boolean run() throws Exception {
		Path markdown = this.options.outputDir().resolve("RESULTS.md");
		Path chart = this.options.outputDir().resolve(Report.CHART_FILE);
		Provenance provenance = Provenance.capture(this.options.repoRoot(), this.args, List.of(markdown, chart));
		Environment environment = Environment.capture();
		Files.createDirectories(this.options.logDir());
		printPlan(provenance, environment);
		if (this.options.pin() && environment.cpus() < 2) {
			System.out.println("Warning: fewer than 2 CPUs; server and load generator share one. Consider --no-pin.");
		}
		List<ScenarioResult> results = new ArrayList<>();
		List<String> loadIds = this.options.loadScenarios()
			.stream()
			.filter((id) -> !id.equals(RequestScenario.ID) && !id.equals(ClusterScenario.ID))
			.toList();
		boolean requests = this.options.runs(RequestScenario.ID);
		Map<String, String> transports = new LinkedHashMap<>();
		boolean needsDemo = !loadIds.isEmpty() || requests
				|| (this.options.runs("RESP") && !this.options.respAgainstRedis());
		if (needsDemo) {
			try (ServerProcess baseline = (loadIds.isEmpty() && !requests) ? null : startBaseline("baseline");
					ServerProcess demo = startDemo("demo", List.of())) {
				if (baseline != null) {
					transports.put("baseline", baseline.transport());
				}
				transports.put("demo", demo.transport());
				if (baseline != null) {
					prewarm(baseline, demo);
				}
				for (String id : loadIds) {
					Scenarios.Load scenario = Scenarios.load(id);
					if ((scenario.json() && !this.demoJsonEcho) || (scenario.buffers() && !this.demoBufferEcho)) {
						ScenarioResult skipped = new ScenarioResult(id, scenario.title(), "baseline",
								scenario.metrics());
						skipped.skip("skipped: demo has no "
								+ (scenario.json() ? Scenarios.JSON_SERVER : Scenarios.BUFFER_SERVER) + " server");
						results.add(skipped);
						continue;
					}
					ReferenceServer reference = ReferenceServer.of(id);
					if (reference == null) {
						results.add(runLoadScenario(scenario, baseline, demo));
					}
					else {
						results.add(runReferenceScenario(scenario, reference, baseline));
					}
				}
				measuredAmbition(results);
				if (requests && baseline != null) {
					results.add(new RequestScenario(this.options, this.ports, this.clockTicks).run(baseline));
				}
				if (this.options.runs("RESP")) {
					results.add(new RespScenario(this.options, this.ports, this.clockTicks).run(demo));
				}
			}
		}
		else if (this.options.runs("RESP")) {
			results.add(new RespScenario(this.options, this.ports, this.clockTicks).run(null));
		}
		if (this.options.runs(ClusterScenario.ID)) {
			results.addAll(new ClusterScenario(this.options, this.clockTicks).run());
		}
		if (this.options.runs("S5")) {
			results.add(new IdleScenario(this.options, this.ports, this).run());
		}
		if (this.options.runs(StartupScenario.STARTER)) {
			results.add(new StartupScenario(this.options).starter());
		}
		if (this.options.runs(StartupScenario.AOT)) {
			results.add(new StartupScenario(this.options).aot());
		}
		environment.finish();
		Report report = new Report(this.options, provenance, environment, transports, results);
		System.out.println();
		System.out.println(report.console());
		Files.createDirectories(this.options.outputDir());
		Files.writeString(markdown, report.markdown());
		Files.writeString(chart, new RatioChart(report.title(), results).svg());
		System.out.println("Wrote " + markdown + " and " + chart + "; process logs in " + this.options.logDir());
		return results.stream().allMatch((result) -> result.errors() == 0);
	}

	private void printPlan(Provenance provenance, Environment environment) {
		System.out.printf(Locale.ROOT, "Socket server benchmarks%s: %s%n",
				this.options.quick() ? " (quick smoke run)" : "", String.join(", ", this.options.scenarios()));
		System.out.printf(Locale.ROOT, "  command: %s%n", provenance.command());
		System.out.printf(Locale.ROOT, "  %s; %s; commit %s%s%n", environment.machine(), environment.jdk(),
				provenance.shortCommit(), provenance.dirty() ? " WITH UNCOMMITTED CHANGES (" + provenance.changes()
					.size() + " file(s)): the report will say so" : "");
		System.out.printf(Locale.ROOT,
				"  rounds %s, baseline first in odd rounds and demo first in even ones; warm-up %s + measured %s "
						+ "each; servers on CPU %s, load generator on CPU %s%n",
				this.options.rounds().describe(this.options.scenarios(), String::valueOf),
				this.options.warmup().describe(this.options.loadScenarios(), BenchmarkRunner::seconds),
				this.options.duration().describe(this.options.loadScenarios(), BenchmarkRunner::seconds),
				this.options.pin() ? this.options.serverCpu() : "any",
				this.options.pin() ? this.options.clientCpu() : "any");
		if (!this.otherDemoServers.isEmpty()) {
			System.out.println("  demo servers not measured, moved to ports the kernel picks: "
					+ String.join(" ", this.otherDemoServers));
		}
		System.out.printf(Locale.ROOT, "  server JVM: %s; transport %s; %d worker thread(s); logs in %s%n",
				String.join(" ", this.options.serverJvmOptions()),
				this.options.transport().name().toLowerCase(Locale.ROOT), this.options.workerThreads(),
				this.options.logDir());
	}

	ServerProcess startBaseline(String logName) throws IOException, InterruptedException {
		ServerProcess baseline = ServerProcess.baseline(this.options, this.ports, this.options.logDir(), logName);
		try {
			baseline.awaitReady(START_TIMEOUT).awaitPort(this.ports.baselineLine(), START_TIMEOUT);
			return baseline;
		}
		catch (IOException | InterruptedException ex) {
			baseline.close();
			throw ex;
		}
	}

	ServerProcess startDemo(String logName, List<String> extraArgs) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(RespScenario.demoArguments(this.options, this.ports));
		args.addAll(this.otherDemoServers);
		if (this.demoJsonEcho) {
			args.add("--socket.servers." + Scenarios.JSON_SERVER + ".port=" + this.ports.demoJson());
		}
		if (this.demoBufferEcho) {
			args.add("--socket.servers." + Scenarios.BUFFER_SERVER + ".port=" + this.ports.demoEchoBuffer());
		}
		args.addAll(extraArgs);
		ServerProcess demo = ServerProcess.demo(this.options, this.ports, args, this.options.logDir(), logName);
		try {
			demo.awaitReady(START_TIMEOUT).awaitPort(this.ports.demoLine(), START_TIMEOUT);
			return demo;
		}
		catch (IOException | InterruptedException ex) {
			demo.close();
			throw ex;
		}
	}

	/**
	 * Gives both servers the same untimed load first, so that the first round does not measure the JIT.
	 */
	private void prewarm(ServerProcess baseline, ServerProcess demo) throws IOException, InterruptedException {
		System.out.println("Pre-warming both servers for " + seconds(this.options.prewarm()) + " each");
		List<String> args = new ArrayList<>(Scenarios.load("S1").args());
		args.addAll(List.of("--warmup", "0s", "--duration", seconds(this.options.prewarm())));
		for (ServerProcess server : List.of(baseline, demo)) {
			runLoadGenerator("prewarm-" + server.label(), server.port(), server.pid(), args);
			if (this.options.runs("L1")) {
				List<String> lineArgs = new ArrayList<>(Scenarios.load("L1").args());
				lineArgs.addAll(List.of("--warmup", "0s", "--duration", seconds(this.options.prewarm())));
				runLoadGenerator("prewarm-line-" + server.label(), server.label().equals("demo")
						? this.ports.demoLine() : this.ports.baselineLine(), server.pid(), lineArgs);
			}
		}
	}

	private ScenarioResult runLoadScenario(Scenarios.Load scenario, ServerProcess baseline, ServerProcess demo)
			throws IOException, InterruptedException {
		ScenarioResult result = new ScenarioResult(scenario.id(), scenario.title(), "baseline", scenario.metrics());
		System.out.println();
		System.out.println(scenario.id() + ": " + scenario.title());
		List<String> args = new ArrayList<>(scenario.args());
		args.addAll(this.options.timingArguments(scenario.id()));
		for (int round = 1; round <= this.options.roundsOf(scenario.id()); round++) {
			int current = round;
			RoundOrder.measure(result, round, (side) -> (side == RoundOrder.Side.BASELINE)
					? measure(scenario, result, current, baseline, args, scenario.json() ? this.ports.baselineJson()
							: scenario.line() ? this.ports.baselineLine() : this.ports.baselineEcho())
					: measure(scenario, result, current, demo, args, demoPort(scenario)));
		}
		return result;
	}

	/**
	 * Runs a scenario with a reference server in the demo's place, started for it and stopped after it.
	 */
	private ScenarioResult runReferenceScenario(Scenarios.Load scenario, ReferenceServer reference,
			ServerProcess baseline) throws IOException, InterruptedException {
		String missing = reference.missing(this.options);
		if (missing != null) {
			ScenarioResult skipped = new ScenarioResult(scenario.id(), scenario.title(), "baseline",
					scenario.metrics());
			System.out.println();
			System.out.println(scenario.id() + ": " + missing);
			skipped.skip(missing);
			return skipped;
		}
		try (ServerProcess server = reference.start(this.options, this.ports.reference())) {
			ScenarioResult result = runLoadScenario(scenario, baseline, server);
			result.note("The demo column is the " + reference.label() + " reference server: " + server.banner());
			return result;
		}
	}

	/**
	 * Makes GO1's server CPU ratio, when it ran, the ambition of S1's: the issue asks the demo to cost no more CPU
	 * per message than the Go server on the same run, which a fixed number from another run cannot say.
	 */
	static void measuredAmbition(List<ScenarioResult> results) {
		ScenarioResult s1 = find(results, "S1");
		ScenarioResult go = find(results, ReferenceServer.GO.scenario());
		if (s1 == null || go == null || go.skipped() != null) {
			return;
		}
		Comparison goCpu = go.comparisons().stream()
				.filter((comparison) -> comparison.metric().key().equals(Scenarios.CPU_KEY)
						&& comparison.verdict() != Comparison.Verdict.INVALID)
				.findFirst().orElse(null);
		if (goCpu == null) {
			return;
		}
		s1.metrics().stream().filter((metric) -> metric.key().equals(Scenarios.CPU_KEY)).findFirst()
				.ifPresent((metric) -> s1.replace(metric.withMeasuredAmbition(goCpu.ratio(), go.id())));
	}

	private static @Nullable ScenarioResult find(List<ScenarioResult> results, String id) {
		return results.stream().filter((result) -> result.id().equals(id)).findFirst().orElse(null);
	}

	/**
	 * The port the demo side of a scenario is measured on: a port of the demo, or of the reference server in its place.
	 */
	private int demoPort(Scenarios.Load scenario) {
		if (ReferenceServer.of(scenario.id()) != null) {
			return this.ports.reference();
		}
		if (scenario.json()) {
			return this.ports.demoJson();
		}
		if (scenario.buffers()) {
			return this.ports.demoEchoBuffer();
		}
		return scenario.line() ? this.ports.demoLine() : this.ports.demoEcho();
	}

	private Map<String, Double> measure(Scenarios.Load scenario, ScenarioResult result, int round,
			ServerProcess server, List<String> args, int port) throws IOException, InterruptedException {
		String name = scenario.id() + "-r" + round + "-" + server.label();
		Map<String, Double> values = runLoadGenerator(name, port, server.pid(), args);
		System.out.printf(Locale.ROOT, "  round %d %-8s %s%n", round, server.label(), summary(scenario, values));
		if (values.getOrDefault("clientCpuUtil", 0.0) > 0.9) {
			result.note("The load generator used over 90% of its core in some rounds: throughput there may be "
					+ "bounded by the client, and the server CPU per message is the steadier figure.");
		}
		return values;
	}

	/**
	 * Runs the load generator pinned to the client CPU and returns the figures of its result line; a run that
	 * printed none counts as one error.
	 */
	Map<String, Double> runLoadGenerator(String name, int port, long serverPid, List<String> args)
			throws IOException, InterruptedException {
		List<String> command = ServerProcess.pinnedClient(this.options);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.loadgenJvmOptions());
		command.addAll(List.of("-cp", this.options.benchJar().toString(),
				"dev.socketserver.benchmarks.loadgen.LoadGenerator", "--port", Integer.toString(port), "--server-pid",
				Long.toString(serverPid), "--clock-ticks", Integer.toString(this.clockTicks)));
		command.addAll(args);
		try (ChildProcess loadgen = ChildProcess.start(name + "-loadgen", command, this.options.logDir())) {
			String line = loadgen.awaitLine((text) -> text.startsWith(ResultLine.PREFIX), Duration.ofMinutes(5));
			loadgen.waitFor(Duration.ofSeconds(30));
			if (line == null) {
				System.out.println("  " + name + ": the load generator printed no result; see " + loadgen.log());
				Map<String, Double> failed = new LinkedHashMap<>();
				failed.put("errors", 1.0);
				return failed;
			}
			return numbers(ResultLine.parse(line));
		}
	}

	private static Map<String, Double> numbers(Map<String, String> values) {
		Map<String, Double> numbers = new LinkedHashMap<>();
		values.forEach((key, value) -> {
			try {
				numbers.put(key, Double.parseDouble(value));
			}
			catch (NumberFormatException ex) {
				// Words such as the mode: not a figure.
			}
		});
		return numbers;
	}

	private static String summary(Scenarios.Load scenario, Map<String, Double> values) {
		if (!values.containsKey("msgPerSec")) {
			return "no result";
		}
		boolean connect = scenario.id().equals("S4");
		return String.format(Locale.ROOT, "%,10.0f %s  p99 %,9.1f us  server CPU %,8.0f ns/%s (%3.0f%% of a core)"
				+ "  client %3.0f%%%s", values.get("msgPerSec"), connect ? "conn/s" : "msg/s ", values.get("p99us"),
				values.getOrDefault("serverCpuNsPerMsg", -1.0), connect ? "conn" : "msg",
				100 * values.getOrDefault("serverCpuUtil", -1.0), 100 * values.getOrDefault("clientCpuUtil", -1.0),
				(values.getOrDefault("errors", 0.0) > 0) ? "  ERRORS " + values.get("errors").longValue() : "");
	}

	private static int clockTicks(Path dir) {
		try {
			return Integer.parseInt(Environment.command(dir, "getconf", "CLK_TCK"));
		}
		catch (NumberFormatException ex) {
			return ProcessStats.DEFAULT_CLOCK_TICKS;
		}
	}

	static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	static @Nullable Path onPath(String executable) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(":")) {
			Path candidate = Path.of(dir, executable);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
