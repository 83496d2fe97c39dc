package dev.socketserver.securitytests;

import java.net.http.HttpResponse;

import dev.socketserver.server.SocketServer;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin endpoint with read-only access: its delete and tap operations are not mapped at all, whoever asks.
 */
@SpringBootTest(classes = SecuredAdminApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.servers.echo.port=0", "management.endpoint.socketservers.access=read-only" })
class ReadOnlyAdminEndpointTests {

	@LocalServerPort
	int httpPort;

	@Autowired
	SocketServer echo;

	@Test
	void deleteAndTapAreNotMappedEvenForTheOperator() throws Exception {
		AdminHttp http = new AdminHttp(this.httpPort);
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			String path = "/actuator/socketservers/echo/" + client.serverConnection().id();
			assertThat(http.get(path, "operator", "operator-password").statusCode()).isEqualTo(200);
			HttpResponse<String> delete = http.delete(path, "operator", "operator-password");
			// Read-only access drops the delete operation, but the read operation keeps the path mapped: Spring
			// MVC finds the path with another method and answers 405 Method Not Allowed, naming the one it has.
			assertThat(delete.statusCode()).isEqualTo(405);
			assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
			// Tapping is a write operation as well: gone, and its path answers only GET.
			HttpResponse<String> tap = http.post(path + "/tap?frames=10", "operator", "operator-password");
			assertThat(tap.statusCode()).isEqualTo(405);
			assertThat(http.post("/actuator/socketservers/echo/tap?identity=x", "operator", "operator-password")
				.statusCode()).isEqualTo(405);
			client.send("still here").expect("still here");
		}
	}

}
