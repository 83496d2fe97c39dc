package dev.socketserver.demo.devices;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.SocketClientConfig;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.demo.DemoTest;
import dev.socketserver.server.SocketServer;
import dev.socketserver.transport.EventLoops;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's simulated pump on a real {@code SocketClient}: it authenticates with the gateway, answers a command
 * sent over HTTP, and after the gateway drops it, reconnects by itself and answers again.
 */
@DemoTest
class SimulatedPumpTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Autowired
	@Qualifier("devices")
	SocketServer devices;

	@Autowired
	SimulatedPump pump;

	@Autowired
	EventLoops eventLoops;

	@LocalServerPort
	int httpPort;

	@Test
	void thePumpAnswersCommandsAndComesBackAfterTheGatewayDropsIt() throws Exception {
		// The client the application.yml declares (off there), aimed at the gateway's port of this test.
		NettySocketClient client = new NettySocketClient(SocketClientConfig.builder("simulated-pump")
			.endpoints(List.of(new InetSocketAddress("127.0.0.1", this.devices.port())))
			.codec(this.devices.config().codec())
			.handler(this.pump)
			.reconnect((reconnect) -> reconnect.withInitialDelay(Duration.ofMillis(50)))
			.build(), this.eventLoops);
		client.start();
		try {
			Connection first = awaitOnline();
			assertThat(command("open-valve")).isEqualTo("open-valve");

			first.close(CloseReason.CLOSED_BY_ADMIN);
			await().atMost(WAIT).until(() -> client.reconnects() >= 1);
			Connection second = awaitOnline();
			assertThat(second.id()).isNotEqualTo(first.id());
			assertThat(command("close-valve")).isEqualTo("close-valve");
		}
		finally {
			client.stop();
		}
		await().atMost(WAIT).until(() -> this.devices.connections().connectionsOf("pump-8").isEmpty());
	}

	/**
	 * Waits until the pump has authenticated: its connection is then bound to its device id.
	 */
	private Connection awaitOnline() {
		return await().atMost(WAIT)
			.until(() -> this.devices.connections().connectionsOf("pump-8").stream().findFirst().orElse(null),
					(connection) -> connection != null && connection.isOpen());
	}

	private String command(String name) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/devices/pump-8/commands"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"" + name + "\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode reply = this.mapper.readTree(response.body());
		assertThat(reply.get("type").asString()).isEqualTo("command-result");
		assertThat(reply.get("ok").asBoolean()).isTrue();
		return reply.get("command").asString();
	}

}
