package dev.socketserver.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionAttribute;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, metrics, admin endpoint and info of socket servers over real HTTP, against a running application with
 * real socket clients.
 */
@SpringBootTest(classes = SocketServerActuatorHttpTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "socket.worker-threads=2", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.defaults.handler=chatHandler", "socket.servers.echo.port=0",
				"socket.servers.echo.max-frame-length=256B", "socket.servers.spare.port=0",
				"socket.servers.spare.limits.max-connections=2",
				"management.endpoints.web.exposure.include=health,info,metrics,prometheus,socketservers",
				"management.endpoint.health.show-details=always",
				"management.endpoint.health.group.terse.include=socketServers",
				"management.endpoint.health.group.terse.show-components=always",
				"management.endpoint.health.group.terse.show-details=never" })
class SocketServerActuatorHttpTests {

	static final String SECRET = "s3cr3t-session-token";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final List<Socket> clients = new ArrayList<>();

	@LocalServerPort
	int httpPort;

	@Autowired
	@Qualifier("echo")
	NettySocketServer echo;

	@Autowired
	@Qualifier("spare")
	NettySocketServer spare;

	@AfterEach
	void closeClientsAndRestoreServers() throws IOException {
		for (Socket client : this.clients) {
			client.close();
		}
		// The servers see the closes a moment later: the next test's scrape must not count these connections.
		await().atMost(TIMEOUT).until(() -> this.echo.connections().count() == 0
				&& this.spare.connections().count() == 0);
		if (this.spare.state() != ServerState.RUNNING) {
			this.spare.stop();
			this.spare.start();
		}
	}

	@Test
	void healthReportsEachServerUpWithItsDetails() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		assertThat(read(body, "$.components.socketServers.status")).isEqualTo("UP");
		Map<String, Object> details = readMap(body, "$.components.socketServers.components.echo.details");
		assertThat(details).containsEntry("state", "RUNNING")
			.containsEntry("address", "127.0.0.1")
			.containsEntry("port", this.echo.port())
			.containsEntry("transport", this.echo.transport().name())
			.containsEntry("maxConnections", 10_000)
			.containsKeys("connections", "startedAt", "uptime");
		assertThat((String) details.get("uptime")).startsWith("PT");
		assertThat(read(body, "$.components.socketServers.components.spare.details.maxConnections"))
			.isEqualTo(2);
		try (Socket client = connect(this.echo)) {
			await().atMost(TIMEOUT)
				.until(() -> (int) read(get("/actuator/health/socketServers/echo").body(), "$.details.connections")
						>= 1);
		}
	}

	@Test
	void healthDetailsFollowShowDetails() throws Exception {
		HttpResponse<String> response = get("/actuator/health/terse");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> echo = readMap(response.body(), "$.components.socketServers.components.echo");
		assertThat(echo).containsEntry("status", "UP").doesNotContainKey("details");
	}

	@Test
	void drainingServerIsOutOfServiceAndStoppedServerIsDown() throws Exception {
		this.spare.stopAccepting();
		HttpResponse<String> draining = get("/actuator/health/socketServers/spare");
		assertThat(draining.statusCode()).isEqualTo(503);
		assertThat(read(draining.body(), "$.status")).isEqualTo("OUT_OF_SERVICE");
		assertThat(read(draining.body(), "$.details.state")).isEqualTo("DRAINING");
		assertThat(read(get("/actuator/health").body(), "$.status")).isEqualTo("OUT_OF_SERVICE");
		// Readiness is the graceful-shutdown lifecycle's to change, not the health indicator's.
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		this.spare.stop();
		HttpResponse<String> stopped = get("/actuator/health/socketServers/spare");
		assertThat(stopped.statusCode()).isEqualTo(503);
		assertThat(read(stopped.body(), "$.status")).isEqualTo("DOWN");
		assertThat(read(stopped.body(), "$.details.error")).isEqualTo("Stopped");
		assertThat(read(get("/actuator/health/socketServers/echo").body(), "$.status")).isEqualTo("UP");
	}

	@Test
	void prometheusSeriesMoveWhenClientsConnectSendAndDisconnect() throws Exception {
		Scrape before = scrape();
		assertThat(before.body()).contains("socket_server_connections_active{server=\"echo\"}",
				"socket_server_connections_max{server=\"echo\"} 10000.0",
				"socket_server_connections_max{server=\"spare\"} 2.0",
				"socket_server_connections_rejected_total{reason=\"connection-limit\",server=\"echo\"}",
				"socket_server_heartbeat_pings_sent_total{server=\"echo\"}",
				"socket_server_heartbeat_pongs_received_total{server=\"echo\"}",
				"socket_server_heartbeat_timeouts_total{server=\"echo\"}",
				"socket_server_outbound_pending_bytes{server=\"echo\"}",
				"socket_server_connections_unwritable{server=\"echo\"}",
				"socket_server_handler_duration_seconds_count{server=\"echo\"}",
				"socket_server_handler_duration_seconds_sum{server=\"echo\"}", "netty_eventexecutor_tasks_pending{",
				"socket_server_eventloop_connections{", "netty_allocator_memory_used{");
		try (Socket client = connect(this.echo)) {
			BufferedReader in = reader(client);
			for (String line : List.of("one", "two", "three")) {
				send(client, line);
				assertThat(in.readLine()).isEqualTo(line);
			}
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Scrape now = scrape();
				assertThat(now.delta(before, "socket_server_connections_active", "server", "echo")).isEqualTo(1);
				assertThat(now.delta(before, "socket_server_connections_opened_total", "server", "echo")).isEqualTo(1);
				assertThat(now.delta(before, "socket_server_messages_received_total", "server", "echo")).isEqualTo(3);
				assertThat(now.delta(before, "socket_server_messages_sent_total", "server", "echo")).isEqualTo(3);
				assertThat(now.delta(before, "socket_server_data_received_bytes_total", "server", "echo"))
					.isEqualTo("one\ntwo\nthree\n".length());
				assertThat(now.delta(before, "socket_server_data_sent_bytes_total", "server", "echo"))
					.isEqualTo("one\ntwo\nthree\n".length());
				assertThat(now.delta(before, "socket_server_handler_duration_seconds_count", "server", "echo"))
					.isEqualTo(3);
			});
		}
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Scrape now = scrape();
			assertThat(now.delta(before, "socket_server_connections_active", "server", "echo")).isZero();
			assertThat(now.delta(before, "socket_server_connections_closed_total", "reason", "peer-closed", "server",
					"echo"))
				.isEqualTo(1);
		});
	}

	@Test
	void prometheusCountsDecodeErrorsAndRejections() throws Exception {
		Scrape before = scrape();
		try (Socket client = connect(this.echo)) {
			client.getOutputStream().write(new byte[300]);
			assertThat(readOrReset(client)).isEqualTo(-1);
		}
		connect(this.spare);
		connect(this.spare);
		await().atMost(TIMEOUT).until(() -> this.spare.connections().count() == 2);
		try (Socket refused = connect(this.spare)) {
			assertThat(readOrReset(refused)).isEqualTo(-1);
		}
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Scrape now = scrape();
			assertThat(now.delta(before, "socket_server_decode_errors_total", "server", "echo")).isEqualTo(1);
			assertThat(now.delta(before, "socket_server_connections_closed_total", "reason", "frame-too-large",
					"server", "echo"))
				.isEqualTo(1);
			assertThat(now.delta(before, "socket_server_connections_rejected_total", "reason", "connection-limit",
					"server", "spare"))
				.isEqualTo(1);
		});
	}

	@Test
	void metricsEndpointServesTheMetersByServer() throws Exception {
		HttpResponse<String> response = get("/actuator/metrics/socket.server.connections.active?tag=server:echo");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(read(response.body(), "$.name")).isEqualTo("socket.server.connections.active");
		HttpResponse<String> bytes = get("/actuator/metrics/socket.server.data.received");
		assertThat(read(bytes.body(), "$.baseUnit")).isEqualTo("bytes");
		assertThat(readStrings(bytes.body(), "$.availableTags[?(@.tag == 'server')].values[*]"))
			.contains("echo", "spare");
	}

	@Test
	void adminEndpointListsServersWithSettingsAndFigures() throws Exception {
		HttpResponse<String> response = get("/actuator/socketservers");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> echo = readMap(response.body(), "$.servers.echo");
		assertThat(echo).containsEntry("name", "echo")
			.containsEntry("state", "RUNNING")
			.containsEntry("port", this.echo.port())
			.containsEntry("address", "127.0.0.1")
			.containsEntry("transport", this.echo.transport().name());
		assertThat((String) echo.get("codec")).contains("line framing");
		assertThat(read(response.body(), "$.servers.spare.settings.maxConnections")).isEqualTo(2);
		assertThat(read(response.body(), "$.servers.echo.settings.handlerTiming")).isEqualTo(true);
		assertThat(read(response.body(), "$.servers.echo.settings.socketOptions.tcpNoDelay")).isEqualTo(true);
		assertThat((Integer) read(response.body(), "$.servers.echo.figures.opened")).isNotNegative();
	}

	@Test
	void adminEndpointDescribesConnectionsWithoutAttributeValues() throws Exception {
		try (Socket client = connect(this.echo)) {
			send(client, "login alice");
			assertThat(reader(client).readLine()).isEqualTo("welcome alice");
			String id = connectionIdOf(client);
			HttpResponse<String> page = get("/actuator/socketservers/echo");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).doesNotContain(SECRET);
			assertThat((Integer) read(page.body(), "$.total")).isPositive();
			assertThat(read(page.body(), "$.limit")).isEqualTo(100);
			HttpResponse<String> one = get("/actuator/socketservers/echo/" + id);
			assertThat(one.statusCode()).isEqualTo(200);
			assertThat(one.body()).doesNotContain(SECRET);
			Map<String, Object> connection = readMap(one.body(), "$");
			assertThat(connection).containsEntry("id", id)
				.containsEntry("server", "echo")
				.containsEntry("remoteAddress", "127.0.0.1:" + client.getLocalPort())
				.containsEntry("localAddress", "127.0.0.1:" + this.echo.port())
				.containsEntry("identity", "alice")
				.containsEntry("groups", List.of("lobby"))
				.containsEntry("bytesReceived", "login alice\n".length())
				.containsEntry("messagesReceived", 1)
				.containsEntry("messagesSent", 1)
				.containsEntry("open", true);
			assertThat(Instant.parse((String) connection.get("openedAt"))).isBefore(Instant.now().plusSeconds(1));
			assertThat(get("/actuator/socketservers/echo/no-such-id").statusCode()).isEqualTo(404);
			assertThat(get("/actuator/socketservers/spare/" + id).statusCode()).isEqualTo(404);
			assertThat(get("/actuator/socketservers/no-such-server").statusCode()).isEqualTo(404);
			HttpResponse<String> empty = get("/actuator/socketservers/echo?offset=0&limit=0");
			assertThat((List<?>) read(empty.body(), "$.connections")).isEmpty();
			assertThat(get("/actuator/socketservers/echo?limit=5000").statusCode()).isEqualTo(400);
		}
	}

	@Test
	void adminEndpointClosesAConnectionAndTheReasonIsCounted() throws Exception {
		Scrape before = scrape();
		try (Socket client = connect(this.echo)) {
			send(client, "hello");
			assertThat(reader(client).readLine()).isEqualTo("hello");
			String id = connectionIdOf(client);
			HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/actuator/socketservers/echo/" + id))
				.DELETE()
				.build());
			assertThat(deleted.statusCode()).isEqualTo(200);
			assertThat(read(deleted.body(), "$.open")).isEqualTo(false);
			assertThat(read(deleted.body(), "$.closeReason")).isEqualTo("closed-by-admin");
			assertThat(readOrReset(client)).isEqualTo(-1);
			assertThat(get("/actuator/socketservers/echo/" + id).statusCode()).isEqualTo(404);
			assertThat(send(HttpRequest.newBuilder(uri("/actuator/socketservers/echo/" + id)).DELETE().build())
				.statusCode()).isEqualTo(404);
		}
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(scrape().delta(before, "socket_server_connections_closed_total", "reason",
					"closed-by-admin", "server", "echo"))
				.isEqualTo(1));
	}

	@Test
	void infoShowsNettyVersionTransportsAndPorts() throws Exception {
		HttpResponse<String> response = get("/actuator/info");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((String) read(response.body(), "$.socketServers.netty.version")).startsWith("4.2.");
		assertThat(read(response.body(), "$.socketServers.servers.echo.port")).isEqualTo(this.echo.port());
		assertThat(read(response.body(), "$.socketServers.servers.echo.transport"))
			.isEqualTo(this.echo.transport().name());
		assertThat(read(response.body(), "$.socketServers.servers.spare.port")).isEqualTo(this.spare.port());
	}

	private String connectionIdOf(Socket client) throws Exception {
		String remote = "127.0.0.1:" + client.getLocalPort();
		List<String> ids = readStrings(get("/actuator/socketservers/echo?limit=1000").body(),
				"$.connections[?(@.remoteAddress == '" + remote + "')].id");
		assertThat(ids).hasSize(1);
		return ids.get(0);
	}

	private Socket connect(NettySocketServer server) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		this.clients.add(socket);
		return socket;
	}

	private static void send(Socket client, String line) throws IOException {
		OutputStream out = client.getOutputStream();
		out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static BufferedReader reader(Socket client) throws IOException {
		return new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Reads from a connection the server closed: the end of the stream, or a reset when the server closed it
	 * with unread input.
	 */
	private static int readOrReset(Socket client) throws IOException {
		try {
			return client.getInputStream().read();
		}
		catch (SocketException ex) {
			return -1;
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).build());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

	private static Object read(String json, String path) {
		return JsonPath.read(json, path);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readMap(String json, String path) {
		return (Map<String, Object>) read(json, path);
	}

	@SuppressWarnings("unchecked")
	private static List<String> readStrings(String json, String path) {
		return (List<String>) read(json, path);
	}

	private Scrape scrape() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return new Scrape(response.body());
	}

	/**
	 * One scrape of {@code /actuator/prometheus} in the text format.
	 */
	record Scrape(String body) {

		private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

		double value(String name, String... labels) {
			Matcher matcher = SAMPLE.matcher(this.body);
			while (matcher.find()) {
				if (matcher.group(1).equals(name) && hasLabels(matcher.group(2), labels)) {
					return Double.parseDouble(matcher.group(3));
				}
			}
			throw new AssertionError("No sample " + name + " with labels " + List.of(labels));
		}

		long delta(Scrape before, String name, String... labels) {
			return Math.round(value(name, labels) - before.value(name, labels));
		}

		private static boolean hasLabels(String labels, String... expected) {
			List<String> actual = List.of(labels.split(","));
			for (int i = 0; i < expected.length; i += 2) {
				if (!actual.contains(expected[i] + "=\"" + expected[i + 1] + "\"")) {
					return false;
				}
			}
			return true;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		/**
		 * Echoes lines; {@code login <name>} binds the identity, joins the lobby and stores a secret.
		 */
		@Bean
		SocketHandler<String> chatHandler() {
			ConnectionAttribute<String> token = ConnectionAttribute.named("token");
			return (Connection connection, String line) -> {
				if (line.startsWith("login ")) {
					String name = line.substring(6);
					connection.bindIdentity(name);
					connection.join("lobby");
					connection.setAttribute(token, SECRET);
					connection.offer("welcome " + name);
				}
				else {
					connection.offer(line);
				}
			};
		}

	}

}
