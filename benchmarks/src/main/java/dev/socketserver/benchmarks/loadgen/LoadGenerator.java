package dev.socketserver.benchmarks.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Netty load generator for the length-field and line echo servers of the demo application and the baseline;
 * see {@link LoadGeneratorOptions#USAGE}. Every run is bounded in time and count and ends by itself.
 *
 * @since 0.1.0
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	/**
	 * Runs the load generator; exits with 0 when the run had no errors, 1 when it had some, 2 on bad options.
	 * @param args options, see {@link LoadGeneratorOptions#USAGE}
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		if (Arrays.asList(args).contains("--help")) {
			System.out.print(LoadGeneratorOptions.USAGE);
			return;
		}
		LoadGeneratorOptions options;
		try {
			options = LoadGeneratorOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(LoadGeneratorOptions.USAGE);
			System.exit(2);
			return;
		}
		startWatchdog(options);
		Consumer<String> progress = (line) -> {
			System.out.println(line);
			System.out.flush();
		};
		LoadResult result;
		if (options.mode() == Mode.IDLE) {
			IdleLoad idle = new IdleLoad(options, progress);
			releaseOnStandardInput(idle);
			result = idle.run();
		}
		else {
			result = run(options, progress);
		}
		System.out.println(result.report());
		System.out.println(result.resultLine());
		System.out.flush();
		System.exit((result.errors() == 0) ? 0 : 1);
	}

	/**
	 * Runs an echo or connect load, or an idle load held for its whole hold time.
	 * @param options the settings
	 * @param progress receives progress lines
	 * @return the result
	 * @throws InterruptedException if interrupted
	 */
	public static LoadResult run(LoadGeneratorOptions options, Consumer<String> progress) throws InterruptedException {
		return switch (options.mode()) {
			case ECHO -> new EchoLoad(options, progress).run();
			case CONNECT -> new ConnectLoad(options, progress).run();
			case IDLE -> new IdleLoad(options, progress).run();
		};
	}

	/**
	 * Ends the hold of idle connections at the first line or at the end of standard input, so that the process
	 * that started this one decides when its measurement is done.
	 */
	private static void releaseOnStandardInput(IdleLoad idle) {
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
				in.readLine();
			}
			catch (IOException ex) {
				// Standard input is gone: release as on end of input.
			}
			idle.release();
		}, "loadgen-stdin");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Ends the process if the run overruns its time limit, whatever is stuck.
	 */
	private static void startWatchdog(LoadGeneratorOptions options) {
		long limitMillis = options.timeLimit().toMillis();
		Thread watchdog = new Thread(() -> {
			try {
				Thread.sleep(limitMillis);
				System.err.println("Load generator exceeded its time limit of " + limitMillis + " ms; halting");
				Runtime.getRuntime().halt(3);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "loadgen-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

}
