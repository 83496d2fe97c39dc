package dev.socketserver.demo.devices;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.demo.DemoTest;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's command path: an HTTP request becomes a request to the device bound to an identity, answered
 * with the device's reply; a device played by a test client over a real socket.
 */
@DemoTest
class DeviceCommandTests {

	private static final MessageCodec<String> JSON_LINES = MessageCodec.of(new LineFraming(16 * 1024,
			LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8));

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Autowired
	SocketTestClients clients;

	@LocalServerPort
	int httpPort;

	@Test
	void aCommandReachesTheDeviceAndItsReplyIsTheHttpResponse() throws Exception {
		SocketTestClient device = authenticated("pump-8");
		CompletableFuture<HttpResponse<String>> response = post("pump-8", "{\"command\":\"open-valve\",\"valve\":3}",
				"");
		JsonNode command = this.mapper.readTree((String) device.expectNext());
		assertThat(command.get("type").asString()).isEqualTo("command");
		assertThat(command.get("command").asString()).isEqualTo("open-valve");
		assertThat(command.get("valve").asInt()).isEqualTo(3);
		// Telemetry in between is no reply: it is acknowledged as usual.
		device.send("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":20,\"seq\":5}");
		device.expect("{\"type\":\"ack\",\"seq\":5}");
		device.send("{\"type\":\"command-result\",\"id\":" + command.get("id") + ",\"ok\":true}");
		HttpResponse<String> answer = response.get();
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(this.mapper.readTree(answer.body()).get("ok").asBoolean()).isTrue();
	}

	@Test
	void aDeviceThatDoesNotAnswerTimesOutAndAnUnknownOneIsNotFound() throws Exception {
		SocketTestClient device = authenticated("pump-7");
		CompletableFuture<HttpResponse<String>> response = post("pump-7", "{\"command\":\"reboot\"}", "?timeout=1");
		assertThat(this.mapper.readTree((String) device.expectNext()).get("command").asString()).isEqualTo("reboot");
		HttpResponse<String> timedOut = response.get();
		assertThat(timedOut.statusCode()).isEqualTo(504);
		assertThat(timedOut.body()).contains("No reply to request");
		HttpResponse<String> missing = post("pump-9", "{\"command\":\"reboot\"}", "").get();
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("'pump-9' has no open connection");
	}

	private SocketTestClient authenticated(String deviceId) {
		SocketTestClient device = this.clients.builder("devices").codec(JSON_LINES).connect();
		device.send("{\"type\":\"auth\",\"deviceId\":\"" + deviceId + "\",\"token\":\"" + deviceId + "-demo-token\"}");
		device.expect("{\"type\":\"authenticated\",\"deviceId\":\"" + deviceId + "\"}");
		return device;
	}

	private CompletableFuture<HttpResponse<String>> post(String deviceId, String body, String query) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/devices/" + deviceId + "/commands" + query))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

}
