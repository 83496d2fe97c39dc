package dev.socketserver.benchmarks.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A process the runner started: its output goes to a log file and to a queue the runner can wait on. Every live
 * child is stopped when the runner exits, however it exits.
 *
 * @since 0.1.0
 */
final class ChildProcess implements AutoCloseable {

	private static final Set<ChildProcess> live = ConcurrentHashMap.newKeySet();

	private static final int KEPT_LINES = 2000;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> live.forEach(ChildProcess::close), "runner-cleanup"));
	}

	private final String name;

	private final Process process;

	private final Path log;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> kept = Collections.synchronizedList(new ArrayList<>());

	private final Thread pump;

	private ChildProcess(String name, Process process, Path log) throws IOException {
		this.name = name;
		this.process = process;
		this.log = log;
		PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
		this.pump = new Thread(() -> pump(writer), "output-" + name);
		this.pump.setDaemon(true);
		this.pump.start();
	}

	/**
	 * Starts a process with standard error merged into standard output.
	 * @param name short name for logs and messages
	 * @param command the command line
	 * @param logDir where the output file goes
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	static ChildProcess start(String name, List<String> command, Path logDir) throws IOException {
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		Files.writeString(log, "");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		ChildProcess child = new ChildProcess(name, process, log);
		live.add(child);
		return child;
	}

	private void pump(PrintWriter writer) {
		try (writer; BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				writer.println(line);
				if (this.lines.size() >= KEPT_LINES) {
					// Nobody waits on a chatty process's old lines; the log file keeps them all.
					this.lines.poll();
				}
				this.lines.add(line);
				if (this.kept.size() < KEPT_LINES) {
					this.kept.add(line);
				}
			}
		}
		catch (IOException ex) {
			// The process ended or was stopped: its output ends here.
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Returns the first lines of output seen so far.
	 */
	List<String> output() {
		synchronized (this.kept) {
			return new ArrayList<>(this.kept);
		}
	}

	/**
	 * Waits for an output line, bounded; gives up early when the process ends.
	 * @return the line, or {@code null} if none came in time
	 */
	@Nullable String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			String line = this.lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
			if (line != null && match.test(line)) {
				return line;
			}
			if (line == null && !this.process.isAlive() && this.lines.isEmpty()) {
				this.pump.join(1000);
				if (this.lines.isEmpty()) {
					return null;
				}
			}
		}
	}

	/**
	 * Waits for the process to end, bounded, then stops it if it has not.
	 * @return the exit code, or -1 if it had to be stopped
	 */
	int waitFor(Duration timeout) throws InterruptedException {
		if (this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.pump.join(2000);
			live.remove(this);
			return this.process.exitValue();
		}
		close();
		return -1;
	}

	/**
	 * Closes the process's standard input, which tells an idle load generator to let its connections go.
	 */
	void closeInput() {
		try {
			OutputStream input = this.process.getOutputStream();
			input.close();
		}
		catch (IOException ex) {
			// Already gone: nothing to tell.
		}
	}

	/**
	 * Stops the process: SIGTERM, then SIGKILL if it is still there after 20 seconds.
	 */
	@Override
	public void close() {
		live.remove(this);
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			this.pump.join(2000);
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
