package dev.socketserver.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} for tests: a child process on a free loopback port, without
 * persistence, stopped by its PID. {@link RedisBinary} finds the executable: the one on
 * {@code PATH}, else the one shipped in a test dependency.
 * <p>
 * Each start gets its own temporary directory (working directory, {@code --dir} and the
 * server's log), deleted by {@link #stop()}. Servers still running when the JVM exits are
 * stopped by a shutdown hook.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final int START_ATTEMPTS = 3;

	private static final Logger logger = LoggerFactory.getLogger(RedisServer.class);

	private static final Set<RedisServer> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(RedisServer::cleanUpAtExit, "redis-server-cleanup"));
	}

	private final Path binary;

	private final int port;

	private @Nullable Process process;

	private @Nullable Path directory;

	private RedisServer(Path binary, int port) {
		this.binary = binary;
		this.port = port;
	}

	/**
	 * Starts a server with the binary chosen by {@link RedisBinary#chosen()}, on a free
	 * loopback port.
	 * @return the running server, answering PING
	 */
	public static RedisServer start() {
		return start(RedisBinary.chosen());
	}

	/**
	 * Starts a server with the given binary, on a free loopback port.
	 * @param binary the {@code redis-server} executable
	 * @return the running server, answering PING
	 */
	public static RedisServer start(Path binary) {
		Objects.requireNonNull(binary, "'binary' must not be null");
		@Nullable IllegalStateException failure = null;
		for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
			RedisServer server = new RedisServer(binary, freePort());
			try {
				server.launch();
				return server;
			}
			catch (PortTakenException ex) {
				// The port was free when chosen, but another process bound it before
				// redis-server did.
				failure = ex;
			}
		}
		throw Objects.requireNonNull(failure);
	}

	/**
	 * Returns the loopback port, the same across {@link #restart()}.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the binary this server runs.
	 * @return the {@code redis-server} executable
	 */
	public Path binaryPath() {
		return this.binary;
	}

	/**
	 * Returns the PID of the running process.
	 * @return the PID
	 * @throws IllegalStateException when the server is stopped
	 */
	public synchronized long pid() {
		Process process = this.process;
		if (process == null) {
			throw new IllegalStateException("redis-server on port " + this.port + " is stopped");
		}
		return process.pid();
	}

	/**
	 * Returns the temporary directory of the running process, deleted when it stops.
	 * @return the directory, or {@code null} when stopped
	 */
	public synchronized @Nullable Path directory() {
		return this.directory;
	}

	/**
	 * Returns whether the process is alive.
	 * @return whether the server runs
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Stops the process (SIGTERM, then SIGKILL if it has not exited in time), waits for
	 * its exit and deletes its directory. Does nothing when the server is stopped.
	 */
	public synchronized void stop() {
		Process process = this.process;
		if (process == null) {
			return;
		}
		this.process = null;
		running.remove(this);
		try {
			terminate(process);
		}
		finally {
			deleteDirectory();
		}
	}

	/**
	 * Stops the server if it runs, then starts it again on the same port, with no data.
	 * @throws IllegalStateException when the port has been taken meanwhile, or the server
	 * does not start
	 */
	public synchronized void restart() {
		stop();
		launch();
	}

	/**
	 * Stops the server: the same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "redis-server " + this.binary + " on port " + this.port;
	}

	private synchronized void launch() {
		long startNanos = System.nanoTime();
		Path directory = createDirectory();
		Path log = directory.resolve("redis-server.log");
		List<String> command = List.of(this.binary.toString(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--daemonize", "no",
				"--logfile", "", "--loglevel", "warning");
		Process process;
		try {
			process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			deleteQuietly(directory);
			throw new UncheckedIOException("Could not run " + this.binary, ex);
		}
		this.process = process;
		this.directory = directory;
		running.add(this);
		String version;
		try {
			version = awaitAnswer(process);
		}
		catch (RuntimeException ex) {
			String output = readLog(log);
			stop();
			if (output.contains("Address already in use")) {
				throw new PortTakenException(this + " could not bind: " + output);
			}
			throw new IllegalStateException(this + " did not start: " + output.strip(), ex);
		}
		logger.info("Started redis-server {} ({}) on port {} as PID {} in {} ms", version, this.binary, this.port,
				process.pid(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
	}

	/**
	 * Waits until this process answers, so that a server that another process started on
	 * the same port is never mistaken for it.
	 * @return the server's version
	 */
	private String awaitAnswer(Process process) {
		AtomicReference<@Nullable String> version = new AtomicReference<>();
		try {
			await().atMost(STARTUP_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
				version.set(RedisProbe.version(this.port, process.pid()));
				return version.get() != null || !process.isAlive();
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("No answer to PING within " + STARTUP_TIMEOUT, ex);
		}
		String answered = version.get();
		if (answered == null) {
			throw new IllegalStateException("Exited with status " + process.exitValue());
		}
		return answered;
	}

	private static void terminate(Process process) {
		ProcessHandle handle = process.toHandle();
		handle.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("redis-server PID {} ignored SIGTERM for {}; killing it", handle.pid(), STOP_TIMEOUT);
				handle.destroyForcibly();
				if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("redis-server PID " + handle.pid() + " survived SIGKILL");
				}
			}
		}
		catch (InterruptedException ex) {
			handle.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping redis-server PID " + handle.pid(), ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("redis-server-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a directory for redis-server", ex);
		}
	}

	private void deleteDirectory() {
		Path directory = this.directory;
		this.directory = null;
		if (directory != null) {
			deleteQuietly(directory);
		}
	}

	private static String readLog(Path log) {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no output: " + ex + ")";
		}
	}

	static void deleteQuietly(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}", directory, ex);
		}
	}

	private static void cleanUpAtExit() {
		for (RedisServer server : List.copyOf(running)) {
			try {
				server.stop();
			}
			catch (RuntimeException ex) {
				// Keep going: every other server must be stopped too.
			}
		}
	}

	/**
	 * Thrown when redis-server could not bind its port; a new port is tried.
	 */
	private static final class PortTakenException extends IllegalStateException {

		PortTakenException(String message) {
			super(message);
		}

	}

}
