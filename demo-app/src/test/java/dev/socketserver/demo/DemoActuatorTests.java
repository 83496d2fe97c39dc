package dev.socketserver.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.socketserver.server.SocketServer;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's Actuator configuration: the endpoints the README shows are exposed and describe the servers.
 */
@DemoTest
class DemoActuatorTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	@Qualifier("line-echo")
	SocketServer lineEcho;

	@LocalServerPort
	int httpPort;

	@Test
	void healthShowsEachServersDetails() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(response.body(), "$.components.socketServers.status")).isEqualTo("UP");
		assertThat((Integer) JsonPath.read(response.body(),
				"$.components.socketServers.components.line-echo.details.port"))
			.isEqualTo(this.lineEcho.port());
	}

	@Test
	void infoShowsTheServers() throws Exception {
		HttpResponse<String> response = get("/actuator/info");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(response.body(), "$.socketServers.servers.line-echo.transport"))
			.isEqualTo(this.lineEcho.transport().name());
	}

	@Test
	void metricsAndPrometheusFollowAClient() throws Exception {
		assertThat(get("/actuator/metrics/socket.server.connections.active").statusCode()).isEqualTo(200);
		try (SocketTestClient client = SocketTestClient.connect(this.lineEcho)) {
			client.send("observed").expect("observed");
			await().untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
				.contains("socket_server_connections_active{server=\"line-echo\"} 1.0"));
		}
	}

	@Test
	void adminEndpointListsServersAndConnections() throws Exception {
		HttpResponse<String> servers = get("/actuator/socketservers");
		assertThat(servers.statusCode()).isEqualTo(200);
		assertThat((Integer) JsonPath.read(servers.body(), "$.servers.line-echo.port")).isEqualTo(this.lineEcho.port());
		try (SocketTestClient client = SocketTestClient.connect(this.lineEcho)) {
			String remote = "127.0.0.1:" + client.socket().getLocalPort();
			List<String> ids = JsonPath.read(get("/actuator/socketservers/line-echo").body(),
					"$.connections[?(@.remoteAddress == '" + remote + "')].id");
			assertThat(ids).containsExactly(client.serverConnection().id());
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
