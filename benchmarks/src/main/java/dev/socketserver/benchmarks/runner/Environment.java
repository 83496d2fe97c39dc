package dev.socketserver.benchmarks.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where and when a run happened: machine, JDK, date and the load of the machine around the run; what was run is
 * {@link Provenance}.
 *
 * @since 0.1.0
 */
final class Environment {

	private final String date;

	private final String cpu;

	private final int cpus;

	private final String memory;

	private final String kernel;

	private final String jdk;

	private final String loadBefore;

	private String loadAfter = "?";

	private Environment() {
		this.date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))
			.replaceFirst("\\.\\d+", "");
		this.cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
		this.cpus = Runtime.getRuntime().availableProcessors();
		String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
		this.memory = memTotal.isEmpty() ? "?"
				: String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(memTotal.replaceAll("\\D", "")) / 1048576.0);
		this.kernel = read(Path.of("/proc/sys/kernel/osrelease"));
		this.jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")";
		this.loadBefore = loadAverage();
	}

	static Environment capture() {
		return new Environment();
	}

	void finish() {
		this.loadAfter = loadAverage();
	}

	String date() {
		return this.date;
	}

	String machine() {
		return String.format(Locale.ROOT, "%s, %d CPU(s), %s RAM, Linux %s", this.cpu.isEmpty() ? "?" : this.cpu,
				this.cpus, this.memory, this.kernel);
	}

	int cpus() {
		return this.cpus;
	}

	String jdk() {
		return this.jdk;
	}

	String load() {
		return "load average " + this.loadBefore + " before, " + this.loadAfter + " after";
	}

	private static String loadAverage() {
		String load = read(Path.of("/proc/loadavg"));
		String[] fields = load.split("\\s+");
		return (fields.length >= 3) ? fields[0] + " " + fields[1] + " " + fields[2] : "?";
	}

	private static String firstValue(Path file, String key) {
		try {
			List<String> lines = Files.readAllLines(file);
			for (String line : lines) {
				if (line.startsWith(key)) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// Not Linux or not readable: the report says "?".
		}
		return "";
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String command(Path dir, String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
			String output;
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				output = String.join("\n", reader.lines().toList()).trim();
			}
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "";
			}
			return (process.exitValue() == 0) ? output : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
