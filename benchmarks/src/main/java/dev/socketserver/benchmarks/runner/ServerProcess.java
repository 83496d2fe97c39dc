package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.socketserver.benchmarks.ProcessStats;

/**
 * A server under test in its own process, pinned to the server CPU: the raw Netty baseline, the demo application,
 * or redis-server.
 *
 * @since 0.1.0
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern BASELINE_TRANSPORT = Pattern.compile("transport (\\w+)");

	private static final Pattern DEMO_TRANSPORT = Pattern.compile("Using (\\w+) transport");

	private final String label;

	private final ChildProcess process;

	private final int port;

	private ServerProcess(String label, ChildProcess process, int port) {
		this.label = label;
		this.process = process;
		this.port = port;
	}

	static ServerProcess baseline(RunnerOptions options, Ports ports, Path logDir, String logName)
			throws IOException {
		List<String> command = java(options);
		command.addAll(List.of("-cp", options.benchJar().toString(),
				"dev.socketserver.benchmarks.baseline.BaselineEchoServer", "--port",
				Integer.toString(ports.baselineEcho()), "--line-port", Integer.toString(ports.baselineLine()),
				"--json-port", Integer.toString(ports.baselineJson()), "--transport",
				options.transport().name().toLowerCase(), "--worker-threads",
				Integer.toString(options.workerThreads())));
		return new ServerProcess("baseline", ChildProcess.start(logName, command, logDir), ports.baselineEcho());
	}

	static ServerProcess demo(RunnerOptions options, Ports ports, List<String> extraArgs, Path logDir, String logName)
			throws IOException {
		List<String> command = java(options);
		command.addAll(List.of("-jar", options.demoJar().toString(),
				"--socket.servers.echo.port=" + ports.demoEcho(), "--socket.servers.line-echo.port=" + ports.demoLine(),
				"--server.port=" + ports.demoHttp(), "--socket.worker-threads=" + options.workerThreads(),
				"--socket.transport=" + options.transport().name().toLowerCase(), "--spring.main.banner-mode=off"));
		command.addAll(extraArgs);
		command.addAll(options.demoArgs());
		return new ServerProcess("demo", ChildProcess.start(logName, command, logDir), ports.demoEcho());
	}

	static ServerProcess reference(String label, List<String> command, int port, Path logDir) throws IOException {
		return new ServerProcess(label, ChildProcess.start(label, command, logDir), port);
	}

	/**
	 * Returns the first line the server printed, which names it and its version; empty if none yet.
	 */
	String banner() {
		List<String> output = this.process.output();
		return output.isEmpty() ? "" : output.get(0);
	}

	static ServerProcess redis(RunnerOptions options, String label, Path executable, int port, Path logDir,
			String logName) throws IOException {
		List<String> command = pinned(options);
		command.addAll(List.of(executable.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes"));
		return new ServerProcess(label, ChildProcess.start(logName, command, logDir), port);
	}

	private static List<String> java(RunnerOptions options) {
		List<String> command = pinned(options);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options.serverJvmOptions());
		return command;
	}

	static List<String> pinned(RunnerOptions options) {
		List<String> command = new ArrayList<>();
		if (options.pin()) {
			command.addAll(List.of("taskset", "-c", Integer.toString(options.serverCpu())));
		}
		return command;
	}

	static List<String> pinnedClient(RunnerOptions options) {
		List<String> command = new ArrayList<>();
		if (options.pin()) {
			command.addAll(List.of("taskset", "-c", Integer.toString(options.clientCpu())));
		}
		return command;
	}

	String label() {
		return this.label;
	}

	long pid() {
		return this.process.pid();
	}

	int port() {
		return this.port;
	}

	/**
	 * Waits until the port accepts connections, bounded.
	 * @throws IOException if the server died or did not come up in time, with the end of its log
	 */
	ServerProcess awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException(this.label + " exited during start-up; see " + this.process.log() + tail());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return this;
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		throw new IOException(this.label + " did not listen on port " + port + " within " + timeout.toSeconds()
				+ " s; see " + this.process.log() + tail());
	}

	ServerProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
		return awaitPort(this.port, timeout);
	}

	/**
	 * Returns the transport the server reports in its log, or "?" when it does not say.
	 */
	String transport() {
		for (String line : this.process.output()) {
			Matcher matcher = (this.label.equals("demo") ? DEMO_TRANSPORT : BASELINE_TRANSPORT).matcher(line);
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return "?";
	}

	/**
	 * Returns the bytes of live objects on the heap, after the full GC that {@code jcmd GC.class_histogram} runs.
	 * @return the bytes, or -1 if jcmd failed
	 */
	long heapAfterFullGc(Path logDir, String logName) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try (ChildProcess histogram = ChildProcess.start(logName,
				List.of(jcmd.toString(), Long.toString(pid()), "GC.class_histogram"), logDir)) {
			histogram.waitFor(Duration.ofSeconds(60));
			// The histogram has thousands of lines, more than a child keeps in memory: its total is in the log.
			List<String> output = Files.readAllLines(histogram.log());
			for (int i = output.size() - 1; i >= 0; i--) {
				String line = output.get(i).trim();
				if (line.startsWith("Total")) {
					String[] fields = line.split("\\s+");
					return Long.parseLong(fields[fields.length - 1]);
				}
			}
			return -1;
		}
	}

	long rssBytes() {
		return ProcessStats.rssBytes(pid());
	}

	int openFiles() {
		return ProcessStats.openFiles(pid());
	}

	/**
	 * Sends a RESP PING and returns whether {@code +PONG} came back within two seconds.
	 */
	static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = 0;
			while (read < reply.length) {
				int n = in.read(reply, read, reply.length - read);
				if (n < 0) {
					break;
				}
				read += n;
			}
			return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String tail() {
		List<String> output = this.process.output();
		List<String> last = output.subList(Math.max(0, output.size() - 15), output.size());
		return last.isEmpty() ? "" : "\n    " + String.join("\n    ", last);
	}

	@Override
	public void close() {
		this.process.close();
	}

}
