package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A server outside Java that the issue measures the demo against, run under S1's load in a scenario of its own
 * against the same raw Netty baseline: so its ratio, and the demo's in S1, are both taken on the same run.
 * {@code benchmarks/run.sh} builds the binaries from {@code benchmarks/src/main/reference} into
 * {@code benchmarks/target/reference} when the compiler is on the PATH; without one, the scenario is skipped.
 *
 * @since 0.1.0
 */
enum ReferenceServer {

	/** The Go standard library, one goroutine per connection, {@code GOMAXPROCS=1}. */
	GO("GO1", "Go stdlib", "echo-go", "go (Debian package golang-go)") {

		@Override
		List<String> command(String binary, int port) {
			// One OS thread runs Go code, as one worker thread runs the Java servers' handlers.
			return List.of("env", "GOMAXPROCS=1", binary, "-port", Integer.toString(port));
		}

	},

	/** One thread on level-triggered epoll: the least user-space work the protocol allows. */
	C("C1", "C epoll", "echo-c", "a C compiler (cc)") {

		@Override
		List<String> command(String binary, int port) {
			return List.of(binary, Integer.toString(port));
		}

	};

	private final String scenario;

	private final String label;

	private final String binary;

	private final String toolchain;

	ReferenceServer(String scenario, String label, String binary, String toolchain) {
		this.scenario = scenario;
		this.label = label;
		this.binary = binary;
		this.toolchain = toolchain;
	}

	/**
	 * Returns the reference server a scenario runs, or {@code null} if it runs the demo.
	 */
	static @Nullable ReferenceServer of(String scenario) {
		for (ReferenceServer server : values()) {
			if (server.scenario.equals(scenario)) {
				return server;
			}
		}
		return null;
	}

	String scenario() {
		return this.scenario;
	}

	String label() {
		return this.label;
	}

	Path binary(RunnerOptions options) {
		return options.repoRoot().resolve("benchmarks/target/reference").resolve(this.binary);
	}

	/**
	 * Returns why the scenario cannot run, or {@code null} if its binary is there.
	 */
	@Nullable String missing(RunnerOptions options) {
		return Files.isExecutable(binary(options)) ? null
				: "skipped: no " + binary(options) + " (benchmarks/run.sh builds it when " + this.toolchain
						+ " is installed)";
	}

	/**
	 * Returns the command line that runs the binary on the given port, without the CPU pinning.
	 */
	abstract List<String> command(String binary, int port);

	/**
	 * Starts the server pinned to the server CPU on the given port.
	 */
	ServerProcess start(RunnerOptions options, int port) throws IOException, InterruptedException {
		List<String> command = ServerProcess.pinned(options);
		command.addAll(command(binary(options).toString(), port));
		ServerProcess server = ServerProcess.reference(this.binary, command, port, options.logDir());
		try {
			return server.awaitReady(BenchmarkRunner.START_TIMEOUT);
		}
		catch (IOException | InterruptedException ex) {
			server.close();
			throw ex;
		}
	}

}
