package dev.socketserver.autoconfigure.endpoint;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin endpoint with {@code management.endpoint.socketservers.access=read-only}, over real HTTP: it still
 * lists servers and connections, but nobody can close or tap a connection through it.
 */
@SpringBootTest(classes = SocketServersEndpointReadOnlyHttpTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "socket.worker-threads=1", "socket.servers.echo.address=127.0.0.1",
				"socket.servers.echo.port=0", "socket.servers.echo.codec=line",
				"management.endpoints.web.exposure.include=socketservers",
				"management.endpoint.socketservers.access=read-only" })
class SocketServersEndpointReadOnlyHttpTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@LocalServerPort
	int httpPort;

	@Autowired
	SocketServer echo;

	@Test
	void readsWorkAndDeleteIsRefusedLeavingTheConnectionOpen() throws Exception {
		try (Socket client = new Socket(InetAddress.getLoopbackAddress(), this.echo.port())) {
			client.setSoTimeout((int) TIMEOUT.toMillis());
			await().atMost(TIMEOUT).until(() -> this.echo.connections().count() == 1);
			Connection connection = this.echo.connections().stream().findFirst().orElseThrow();
			String path = "/actuator/socketservers/echo/" + connection.id();
			HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/actuator/socketservers")).build());
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(list.body(), "$.servers.echo.state")).isEqualTo("RUNNING");
			HttpResponse<String> one = send(HttpRequest.newBuilder(uri(path)).build());
			assertThat(one.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(one.body(), "$.id")).isEqualTo(connection.id());
			HttpResponse<String> delete = send(HttpRequest.newBuilder(uri(path)).DELETE().build());
			// Read-only access leaves the delete operation out of the web mappings altogether (Boot filters
			// operations by access before it maps them); the path stays mapped for GET, so Spring MVC answers a
			// DELETE on it with 405 Method Not Allowed and names GET as allowed.
			assertThat(delete.statusCode()).isEqualTo(405);
			assertThat(delete.headers().allValues("Allow")).anySatisfy((allow) -> assertThat(allow).contains("GET"));
			// Tapping is a write too: refused the same way, whether by id or by identity.
			for (String tap : new String[] { path + "/tap?frames=10", "/actuator/socketservers/echo/tap?identity=a" }) {
				HttpResponse<String> refused = send(HttpRequest.newBuilder(uri(tap))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{}"))
					.build());
				assertThat(refused.statusCode()).isEqualTo(405);
			}
			assertThat(send(HttpRequest.newBuilder(uri(path + "/tap")).build()).statusCode()).isEqualTo(404);
			// Closing an identity's connections on every node is a delete as well; listing them is a read.
			URI identity = uri("/actuator/socketservers/echo?identity=a");
			assertThat(send(HttpRequest.newBuilder(identity).DELETE().build()).statusCode()).isEqualTo(405);
			assertThat(send(HttpRequest.newBuilder(identity).build()).statusCode()).isEqualTo(200);
			assertThat(connection.channel().pipeline().names()).doesNotContain("wiretap");
			assertThat(connection.isOpen()).isTrue();
			client.getOutputStream().write("still open\n".getBytes(StandardCharsets.UTF_8));
			BufferedReader in = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).isEqualTo("still open");
			assertThat(this.echo.connections().get(connection.id())).isSameAs(connection);
		}
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
		SocketHandler<String> lineEcho() {
			return (connection, message) -> connection.offer(message);
		}

	}

}
