package dev.socketserver.securitytests;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.server.SocketServer;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin endpoint behind {@link ActuatorSecurityConfiguration}, over real HTTP, closing a real socket
 * client's connection.
 */
@SpringBootTest(classes = SecuredAdminApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.servers.echo.port=0" })
class SecuredAdminEndpointTests {

	@LocalServerPort
	int httpPort;

	@Autowired
	SocketServer echo;

	private AdminHttp http;

	@BeforeEach
	void http() {
		this.http = new AdminHttp(this.httpPort);
	}

	@Test
	void anonymousDeleteIsUnauthorizedAndTheConnectionStaysOpen() throws Exception {
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			HttpResponse<String> response = this.http.delete(connectionPath(client), null, null);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Basic"));
			client.send("still here").expect("still here");
		}
	}

	@Test
	void wrongPasswordIsUnauthorized() throws Exception {
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			assertThat(this.http.delete(connectionPath(client), "operator", "guess").statusCode()).isEqualTo(401);
			assertThat(this.http.get("/actuator/socketservers", "viewer", "guess").statusCode()).isEqualTo(401);
			client.send("still here").expect("still here");
		}
	}

	@Test
	void viewerMayReadButNotCloseAConnection() throws Exception {
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			String path = connectionPath(client);
			HttpResponse<String> read = this.http.get(path, "viewer", "viewer-password");
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<Boolean>read(read.body(), "$.open")).isTrue();
			assertThat(this.http.delete(path, "viewer", "viewer-password").statusCode()).isEqualTo(403);
			client.send("still here").expect("still here");
		}
	}

	@Test
	void operatorClosesTheConnectionAsClosedByAdmin() throws Exception {
		long closedBefore = this.echo.connections().stats().closed(CloseReason.CLOSED_BY_ADMIN);
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			HttpResponse<String> response = this.http.delete(connectionPath(client), "operator", "operator-password");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<Boolean>read(response.body(), "$.open")).isFalse();
			assertThat(JsonPath.<String>read(response.body(), "$.closeReason"))
				.isEqualTo(CloseReason.CLOSED_BY_ADMIN.tag());
			client.expectClosed(CloseReason.CLOSED_BY_ADMIN);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.echo.connections().stats().closed(CloseReason.CLOSED_BY_ADMIN))
					.isEqualTo(closedBefore + 1));
		}
	}

	@Test
	void onlyTheOperatorMayTapAConnectionAndReadWhatItCaptured() throws Exception {
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			String tap = connectionPath(client) + "/tap?frames=2";
			String read = connectionPath(client) + "/tap";
			assertThat(this.http.post(tap, null, null).statusCode()).isEqualTo(401);
			assertThat(this.http.post(tap, "viewer", "viewer-password").statusCode()).isEqualTo(403);
			assertThat(this.http.get(read, "operator", "operator-password").statusCode()).isEqualTo(404);
			HttpResponse<String> started = this.http.post(tap, "operator", "operator-password");
			assertThat(started.statusCode()).isEqualTo(200);
			client.send("tapped").expect("tapped");
			assertThat(this.http.get(read, "viewer", "viewer-password").statusCode()).isEqualTo(403);
			assertThat(this.http.get(read, null, null).statusCode()).isEqualTo(401);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				HttpResponse<String> captured = this.http.get(read, "operator", "operator-password");
				assertThat(captured.statusCode()).isEqualTo(200);
				assertThat(JsonPath.<List<String>>read(captured.body(), "$.entries[*].message"))
					.containsExactly("tapped", "tapped");
			});
		}
	}

	@Test
	void healthIsOpenToAnyone() throws Exception {
		assertThat(this.http.get("/actuator/health", null, null).statusCode()).isEqualTo(200);
	}

	private String connectionPath(SocketTestClient client) {
		return "/actuator/socketservers/echo/" + client.serverConnection().id();
	}

}
