package dev.socketserver.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.socketserver.cluster.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two demo instances as two JVMs ({@code java -jar} of the packaged demo, profile {@code cluster}, every port
 * moved) on a real redis-server of their own: chat users on either node share a room and {@code /msg}, node
 * A's Actuator closes a connection that node B holds, and a command posted to node A reaches a device on node B.
 * Failsafe runs it after the package phase.
 */
class DemoClusterIT {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private static final List<Process> processes = new ArrayList<>();

	private static final List<Socket> sockets = new ArrayList<>();

	private static @Nullable RedisServer redis;

	private static Instance a;

	private static Instance b;

	@BeforeAll
	static void start() throws Exception {
		Path jar = Paths.get(System.getProperty("demo.jar", "target/socket-server-demo-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).exists();
		Path logs = Files.createDirectories(Paths.get("target", "demo-cluster-it"));
		redis = RedisServer.start();
		int redisPort = redis.port();
		String prefix = "demo-it-" + UUID.randomUUID() + ":";
		a = Instance.start(jar, logs, "a", redisPort, prefix);
		b = Instance.start(jar, logs, "b", redisPort, prefix);
		for (Instance instance : List.of(a, b)) {
			await().atMost(STARTUP).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
				String health = instance.get("/actuator/health").body();
				List<String> live = JsonPath.read(health, "$.components.cluster.details.liveNodes");
				return "UP".equals(JsonPath.read(health, "$.components.cluster.status")) && live.size() == 2;
			});
		}
	}

	@AfterAll
	static void stop() throws Exception {
		for (Socket socket : sockets) {
			socket.close();
		}
		// The demos first, then their Redis.
		for (int i = processes.size() - 1; i >= 0; i--) {
			Process process = processes.get(i);
			process.destroy();
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		if (redis != null) {
			redis.stop();
		}
	}

	@Test
	void chatSpansTheNodesAndNodeAClosesAConnectionOfNodeB() throws Exception {
		LineClient alice = LineClient.connect(a.port("chat"));
		LineClient bob = LineClient.connect(b.port("chat"));
		alice.send("/nick alice").expect("* you are now alice");
		alice.send("/join lobby").expect("* you joined #lobby (1 here)");
		bob.send("/nick bob").expect("* you are now bob");
		bob.send("/join lobby").expectStartingWith("* you joined #lobby (");
		// The room as each node sees it, once the other node's registry entry is written (within milliseconds,
		// batched): from then on what one node sends to the room reaches the other. Before, "bob joined" may
		// reach node B's members only, which is why it is not expected here.
		await().atMost(TIMEOUT).until(() -> alice.send("/who").next().endsWith("(2 on all nodes)"));
		await().atMost(TIMEOUT).until(() -> bob.send("/who").next().endsWith("(2 on all nodes)"));
		alice.send("hello from a");
		bob.expect("[#lobby] alice: hello from a");
		bob.send("hello from b");
		alice.expect("[#lobby] bob: hello from b");
		bob.send("/msg alice psst");
		alice.expect("[private] bob: psst");
		// The info entry names the node and both live nodes.
		String info = a.get("/actuator/info").body();
		assertThat((String) JsonPath.read(info, "$.cluster.nodeId")).isEqualTo("a");
		assertThat((List<String>) JsonPath.read(info, "$.cluster.liveNodes")).containsExactlyInAnyOrder("a", "b");
		// Node A lists bob on node B, then closes him there.
		String found = a.get("/actuator/socketservers/chat?identity=bob").body();
		assertThat((List<String>) JsonPath.read(found, "$.connections[*].node")).containsExactly("b");
		HttpResponse<String> closed = a.send(HttpRequest.newBuilder(a.uri("/actuator/socketservers/chat?identity=bob"))
			.DELETE()
			.build());
		assertThat(closed.statusCode()).isEqualTo(200);
		assertThat((List<String>) JsonPath.read(closed.body(), "$.connections[*].closeReason"))
			.containsExactly("closed-by-admin");
		bob.expectClosed();
		alice.expect("* bob left #lobby");
	}

	@Test
	void aCommandThroughNodeAReachesADeviceOnNodeB() throws Exception {
		LineClient device = LineClient.connectQuietly(b.port("devices"));
		device.send("{\"type\":\"auth\",\"deviceId\":\"pump-7\",\"token\":\"pump-7-demo-token\"}")
			.expect("{\"type\":\"authenticated\",\"deviceId\":\"pump-7\"}");
		await().atMost(TIMEOUT).until(() -> a.get("/actuator/socketservers/devices?identity=pump-7")
			.body()
			.contains("\"node\":\"b\""));
		CompletableFuture<HttpResponse<String>> response = http.sendAsync(
				HttpRequest.newBuilder(a.uri("/devices/pump-7/commands?timeout=5"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"reboot\"}"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		String command = device.next();
		assertThat(command).contains("\"command\":\"reboot\"");
		Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(command);
		assertThat(id.find()).isTrue();
		device.send("{\"type\":\"command-result\",\"id\":" + id.group(1) + ",\"ok\":true}");
		HttpResponse<String> answered = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(answered.body(), "$.type")).isEqualTo("command-result");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * One demo JVM, known by its Actuator port.
	 */
	private record Instance(String node, int httpPort) {

		static Instance start(Path jar, Path logs, String node, int redisPort, String prefix) throws IOException {
			int httpPort = freePort();
			List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
				.toString(), "-Xmx256m", "-jar", jar.toString(), "--spring.profiles.active=cluster",
					"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
					"--socket.cluster.node-id=" + node, "--socket.cluster.key-prefix=" + prefix,
					"--server.port=" + httpPort, "--socket.defaults.address=127.0.0.1",
					"--demo.tls.directory=" + logs.resolve("tls-" + node)));
			// Every server of application.yml: two instances on one machine must not share a port.
			for (String server : List.of("echo", "echo-buffer", "line-echo", "echo-tls", "chat", "resp", "devices",
					"json-echo", "jt808")) {
				command.add("--socket.servers." + server + ".port=0");
			}
			processes.add(new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logs.resolve("node-" + node + ".log").toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start());
			return new Instance(node, httpPort);
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.httpPort + path);
		}

		HttpResponse<String> get(String path) throws Exception {
			return send(HttpRequest.newBuilder(uri(path)).build());
		}

		HttpResponse<String> send(HttpRequest request) throws Exception {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}

		int port(String server) throws Exception {
			return JsonPath.read(get("/actuator/socketservers").body(), "$.servers." + server + ".port");
		}

	}

	/**
	 * A chat user over a plain socket: lines out, lines in, each read bounded by the timeout.
	 */
	private static final class LineClient {

		private final Socket socket;

		private final BufferedReader in;

		private LineClient(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		}

		static LineClient connect(int port) throws IOException {
			LineClient client = connectQuietly(port);
			client.expect("* welcome to the chat");
			client.next();
			return client;
		}

		static LineClient connectQuietly(int port) throws IOException {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			sockets.add(socket);
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			return new LineClient(socket);
		}

		LineClient send(String line) throws IOException {
			OutputStream out = this.socket.getOutputStream();
			out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return this;
		}

		String next() throws IOException {
			String line = this.in.readLine();
			assertThat(line).as("a line before the connection closed").isNotNull();
			return line;
		}

		/**
		 * Reads until the line expected, skipping other lines (such as someone joining meanwhile).
		 */
		LineClient expect(String expected) throws IOException {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (!next().equals(expected)) {
				assertThat(System.nanoTime()).as("'" + expected + "' in time").isLessThan(deadline);
			}
			return this;
		}

		LineClient expectStartingWith(String prefix) throws IOException {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (!next().startsWith(prefix)) {
				assertThat(System.nanoTime()).as("'" + prefix + "...' in time").isLessThan(deadline);
			}
			return this;
		}

		void expectClosed() throws IOException {
			try {
				while (this.in.readLine() != null) {
					// What the server sent before it closed.
				}
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("The connection stayed open", ex);
			}
		}

	}

}
