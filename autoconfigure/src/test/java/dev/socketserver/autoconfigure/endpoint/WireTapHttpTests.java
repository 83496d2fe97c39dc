package dev.socketserver.autoconfigure.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import dev.socketserver.autoconfigure.LineClient;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import dev.socketserver.wiretap.WireTaps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wire taps through the admin endpoint over real HTTP, of real socket clients' connections: what they capture
 * both ways, how they end, by identity, and their bounds.
 */
@SpringBootTest(classes = WireTapHttpTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "socket.worker-threads=1", "socket.servers.lines.address=127.0.0.1",
				"socket.servers.lines.port=0", "socket.servers.lines.codec=line", "socket.wiretap.max-taps=2",
				"management.endpoints.web.exposure.include=socketservers" })
@ExtendWith(OutputCaptureExtension.class)
class WireTapHttpTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@LocalServerPort
	int httpPort;

	@Autowired
	SocketServer lines;

	@Autowired
	WireTaps wireTaps;

	@AfterEach
	void clientsGone() {
		// Taps end with their connections: the next test starts with none running.
		await().atMost(TIMEOUT).until(() -> this.lines.connections().count() == 0 && this.wireTaps.activeCount() == 0);
	}

	@Test
	void capturesFramesBothWaysForSomeFramesAndLogsThem(CapturedOutput output) throws Exception {
		try (LineClient client = LineClient.connect(this.lines.port())) {
			Connection connection = onlyConnection();
			List<String> pipeline = connection.channel().pipeline().names();
			String path = "/actuator/socketservers/lines/" + connection.id() + "/tap";
			HttpResponse<String> started = post(path + "?frames=4");
			assertThat(started.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<Boolean>read(started.body(), "$.active")).isTrue();
			assertThat(JsonPath.<Integer>read(started.body(), "$.frames")).isEqualTo(4);
			assertThat(client.exchange("hello")).isEqualTo("HELLO");
			assertThat(client.exchange("world")).isEqualTo("WORLD");
			String tap = awaitEnded(path);
			assertThat(JsonPath.<String>read(tap, "$.end")).isEqualTo("FRAMES");
			assertThat(JsonPath.<Integer>read(tap, "$.captured")).isEqualTo(4);
			assertThat(JsonPath.<List<String>>read(tap, "$.entries[*].direction")).containsExactly("RECEIVED", "SENT",
					"RECEIVED", "SENT");
			assertThat(JsonPath.<List<String>>read(tap, "$.entries[*].message")).containsExactly("hello", "HELLO",
					"world", "WORLD");
			assertThat(JsonPath.<String>read(tap, "$.entries[0].hex")).isEqualTo("68656c6c6f0a");
			assertThat(JsonPath.<Integer>read(tap, "$.entries[0].size")).isEqualTo(6);
			assertThat(JsonPath.<String>read(tap, "$.entries[1].hex")).isEqualTo("48454c4c4f0a");
			assertThat(JsonPath.<String>read(tap, "$.entries[1].time")).isNotBlank();
			assertThat(client.exchange("after")).isEqualTo("AFTER");
			assertThat(JsonPath.<Integer>read(get(path).body(), "$.captured")).isEqualTo(4);
			// Tapped inside the connection: the pipeline never had a handler more.
			assertThat(connection.channel().pipeline().names()).isEqualTo(pipeline).doesNotContain("wiretap");
			assertThat(output).contains("lines/" + connection.id() + " RECEIVED 6 bytes 68656c6c6f0a hello")
				.contains("lines/" + connection.id() + " SENT 6 bytes 48454c4c4f0a HELLO")
				.contains("Wire tap on connection " + connection.id() + " of socket server 'lines' ended (frame limit");
		}
	}

	@Test
	void endsWhenItsTimeRunsOut() throws Exception {
		try (LineClient client = LineClient.connect(this.lines.port())) {
			String path = "/actuator/socketservers/lines/" + onlyConnection().id() + "/tap";
			assertThat(post(path, "{\"frames\":1000,\"seconds\":1}").statusCode()).isEqualTo(200);
			assertThat(client.exchange("within")).isEqualTo("WITHIN");
			String tap = awaitEnded(path);
			assertThat(JsonPath.<String>read(tap, "$.end")).isEqualTo("TIME");
			assertThat(JsonPath.<List<String>>read(tap, "$.entries[*].message")).containsExactly("within", "WITHIN");
			assertThat(client.exchange("beyond")).isEqualTo("BEYOND");
			assertThat(JsonPath.<Integer>read(get(path).body(), "$.captured")).isEqualTo(2);
		}
	}

	@Test
	void tapsEveryConnectionOfAnIdentity() throws Exception {
		try (LineClient first = LineClient.connect(this.lines.port());
				LineClient second = LineClient.connect(this.lines.port());
				LineClient other = LineClient.connect(this.lines.port())) {
			assertThat(first.exchange("LOGIN pump-7")).isEqualTo("LOGIN PUMP-7");
			assertThat(second.exchange("LOGIN pump-7")).isEqualTo("LOGIN PUMP-7");
			assertThat(other.exchange("LOGIN pump-8")).isEqualTo("LOGIN PUMP-8");
			Set<String> pump7 = this.lines.connections()
				.connectionsOf("pump-7")
				.stream()
				.map(Connection::id)
				.collect(Collectors.toSet());
			HttpResponse<String> started = post("/actuator/socketservers/lines/tap?identity=pump-7&frames=2");
			assertThat(started.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<List<String>>read(started.body(), "$.taps[*].connection"))
				.containsExactlyInAnyOrderElementsOf(pump7);
			assertThat(JsonPath.<List<String>>read(started.body(), "$.taps[*].identity")).containsOnly("pump-7");
			assertThat(first.exchange("one")).isEqualTo("ONE");
			assertThat(second.exchange("two")).isEqualTo("TWO");
			assertThat(other.exchange("untapped")).isEqualTo("UNTAPPED");
			for (String id : pump7) {
				String tap = awaitEnded("/actuator/socketservers/lines/" + id + "/tap");
				assertThat(JsonPath.<List<String>>read(tap, "$.entries[*].message")).hasSize(2)
					.containsAnyOf("one", "two");
			}
			assertThat(post("/actuator/socketservers/lines/tap?identity=nobody").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void refusesMoreTapsThanAllowedAtOnceUntilOneIsStopped() throws Exception {
		try (LineClient a = LineClient.connect(this.lines.port());
				LineClient b = LineClient.connect(this.lines.port());
				LineClient c = LineClient.connect(this.lines.port())) {
			await().atMost(TIMEOUT).until(() -> this.lines.connections().count() == 3);
			List<String> ids = this.lines.connections().stream().map(Connection::id).toList();
			assertThat(post(tapPath(ids.get(0))).statusCode()).isEqualTo(200);
			assertThat(post(tapPath(ids.get(1))).statusCode()).isEqualTo(200);
			HttpResponse<String> refused = post(tapPath(ids.get(2)));
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(JsonPath.<String>read(refused.body(), "$.error")).contains("wire taps running");
			HttpResponse<String> stopped = send(HttpRequest.newBuilder(uri(tapPath(ids.get(0)))).DELETE().build());
			assertThat(stopped.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(stopped.body(), "$.end")).isEqualTo("STOPPED");
			assertThat(post(tapPath(ids.get(2))).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void answers404WithoutConnectionOrTapAnd400ForFramesOutOfBounds() throws Exception {
		try (LineClient client = LineClient.connect(this.lines.port())) {
			String id = onlyConnection().id();
			assertThat(post(tapPath("no-such-connection")).statusCode()).isEqualTo(404);
			assertThat(post("/actuator/socketservers/nope/" + id + "/tap").statusCode()).isEqualTo(404);
			assertThat(get(tapPath(id)).statusCode()).isEqualTo(404);
			assertThat(post(tapPath(id) + "?frames=0").statusCode()).isEqualTo(400);
			assertThat(post(tapPath(id) + "?frames=1001").statusCode()).isEqualTo(400);
			assertThat(post(tapPath(id) + "?seconds=3600").statusCode()).isEqualTo(400);
			assertThat(this.wireTaps.activeCount()).isZero();
			assertThat(client.exchange("untouched")).isEqualTo("UNTOUCHED");
		}
	}

	private String awaitEnded(String path) {
		return await().atMost(TIMEOUT).until(() -> get(path).body(), (body) -> body.contains("\"active\":false"));
	}

	private Connection onlyConnection() {
		await().atMost(TIMEOUT).until(() -> this.lines.connections().count() == 1);
		return this.lines.connections().stream().findFirst().orElseThrow();
	}

	private static String tapPath(String id) {
		return "/actuator/socketservers/lines/" + id + "/tap";
	}

	/**
	 * Posts with the parameters in the query: Actuator maps a write operation with parameters to JSON requests,
	 * whose body (none here) may hold the same parameters.
	 */
	private HttpResponse<String> post(String path) throws Exception {
		return post(path, "");
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
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

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		SocketHandler<String> upperCase() {
			return (connection, line) -> {
				if (line.startsWith("LOGIN ")) {
					connection.bindIdentity(line.substring("LOGIN ".length()));
				}
				connection.offer(line.toUpperCase());
			};
		}

	}

}
