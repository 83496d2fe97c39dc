package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import dev.socketserver.benchmarks.ProcessStats;

/**
 * Startup time and memory after start, each measurement a fresh JVM on the server CPU with the JVM's default
 * options, the two sides alternating between rounds. Two comparisons:
 * <ul>
 * <li>{@code START}: the starter's own cost, an application with one echo server against the same Boot
 * application and class path without any socket server auto-configuration (both from the demo's jar).</li>
 * <li>{@code AOT}: the demo as shipped on the JVM, against the same jar with its ahead-of-time processed context
 * ({@code -Dspring.aot.enabled=true}); skipped when the jar was not AOT-processed.</li>
 * </ul>
 * Startup is Boot's own "process running for" figure, from JVM start to a running application; memory is the
 * resident set two seconds after it.
 *
 * @since 0.1.0
 */
final class StartupScenario {

	static final String STARTER = "START";

	static final String AOT = "AOT";

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in [\\d.]+ seconds \\(process running for ([\\d.]+)\\)");

	private static final String FOOTPRINT_MAIN = "dev.socketserver.footprint.FootprintApplications";

	private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private final RunnerOptions options;

	StartupScenario(RunnerOptions options) {
		this.options = options;
	}

	static List<Metric> metrics() {
		return List.of(Metric.lower("startupMs", "startup ms (JVM start to running)").inChart(),
				Metric.lower("rssMiB", "RSS MiB after start").inChart());
	}

	ScenarioResult starter() throws IOException, InterruptedException {
		ScenarioResult result = new ScenarioResult(STARTER,
				"startup and RSS: one echo server vs the same Boot application without socket servers", "no server",
				metrics());
		System.out.println();
		System.out.println(STARTER + ": " + result.title());
		for (int round = 1; round <= this.options.roundsOf(STARTER); round++) {
			int current = round;
			RoundOrder.measure(result, round, (side) -> (side == RoundOrder.Side.BASELINE)
					? measure(result, STARTER + "-r" + current + "-empty", footprint("empty"))
					: measure(result, STARTER + "-r" + current + "-echo", footprint("echo")));
		}
		result.note("Both from the demo's jar, launched with " + LAUNCHER + " and -Dloader.main=" + FOOTPRINT_MAIN
				+ ": the same class path (web, Actuator, Jackson, Redis client), no web server, no application.yml. "
				+ "The difference is what the starter's auto-configuration and one server cost.");
		return result;
	}

	ScenarioResult aot() throws IOException, InterruptedException {
		ScenarioResult result = new ScenarioResult(AOT, "the demo's startup and RSS: JVM vs AOT-processed context",
				"JVM", metrics());
		System.out.println();
		System.out.println(AOT + ": " + result.title());
		if (!isAotProcessed(this.options.demoJar())) {
			String reason = "skipped: the demo jar has no AOT-processed context (build it with its process-aot goal)";
			System.out.println("  " + reason);
			result.skip(reason);
			return result;
		}
		for (int round = 1; round <= this.options.roundsOf(AOT); round++) {
			int current = round;
			RoundOrder.measure(result, round, (side) -> measure(result, AOT + "-r" + current + "-" + side.name()
				.toLowerCase(Locale.ROOT), demo(side == RoundOrder.Side.DEMO)));
		}
		result.note("The demo with all its servers on ports the kernel picks and Actuator on a random port; "
				+ "the AOT side runs the same jar with -Dspring.aot.enabled=true.");
		return result;
	}

	private List<String> footprint(String which) {
		List<String> command = java();
		command.addAll(List.of("-Dloader.main=" + FOOTPRINT_MAIN, "-cp", this.options.demoJar().toString(), LAUNCHER,
				which));
		return command;
	}

	private List<String> demo(boolean aot) throws IOException {
		List<String> command = java();
		if (aot) {
			command.add("-Dspring.aot.enabled=true");
		}
		command.addAll(List.of("-jar", this.options.demoJar().toString(), "--server.port=0",
				"--socket.clients.simulated-pump.enabled=false"));
		for (String server : new DemoJar(this.options.demoJar()).serverNames()) {
			command.add("--socket.servers." + server + ".port=0");
		}
		command.add("--demo.tls.directory=" + this.options.logDir().toAbsolutePath().resolve("startup-tls"));
		return command;
	}

	private List<String> java() {
		List<String> command = new ArrayList<>();
		if (this.options.pin()) {
			command.addAll(List.of("taskset", "-c", Integer.toString(this.options.serverCpu())));
		}
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		return command;
	}

	private Map<String, Double> measure(ScenarioResult result, String name, List<String> command)
			throws IOException, InterruptedException {
		Map<String, Double> values = new LinkedHashMap<>();
		try (ChildProcess process = ChildProcess.start(name, command, this.options.logDir())) {
			String line = process.awaitLine((text) -> STARTED.matcher(text).find(), Duration.ofMinutes(2));
			if (line == null) {
				values.put("errors", 1.0);
				result.note(name + " did not start; see " + process.log());
				System.out.println("  " + name + ": did not start; see " + process.log());
				return values;
			}
			Matcher started = STARTED.matcher(line);
			started.find();
			values.put("startupMs", Double.parseDouble(started.group(1)) * 1000);
			Thread.sleep(2000);
			values.put("rssMiB", ProcessStats.rssBytes(process.pid()) / (1024.0 * 1024.0));
			values.put("errors", 0.0);
		}
		System.out.printf(Locale.ROOT, "  %-18s started in %,6.0f ms, RSS %,6.1f MiB%n", name, values.get("startupMs"),
				values.get("rssMiB"));
		return values;
	}

	/**
	 * Returns whether a Boot jar holds the context initializer that {@code process-aot} generates.
	 */
	static boolean isAotProcessed(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return zip.stream().anyMatch((entry) -> entry.getName().endsWith("__ApplicationContextInitializer.class"));
		}
	}

}
