package dev.socketserver.autoconfigure;

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
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.ServerState;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness over real HTTP while the socket servers drain at shutdown: the application must say it refuses
 * traffic for as long as the drain lasts, so that a load balancer stops sending clients to it.
 */
class SocketServerReadinessHttpTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private ConfigurableApplicationContext context;

	private Thread closer;

	@AfterEach
	void closeContext() throws InterruptedException {
		if (this.closer != null) {
			this.closer.join(TIMEOUT.toMillis() * 3);
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void readinessIsOutOfServiceWhileTheSocketServersDrain() throws Exception {
		// With Boot's default server.shutdown=graceful, Tomcat's graceful shutdown runs in the same phase as ours
		// and closes its listening socket at once: asking for readiness while the socket servers drain is then
		// refused at connect. With immediate, Tomcat stops later, in the start/stop phase.
		this.context = new SpringApplicationBuilder(TestApplication.class).registerShutdownHook(false)
			.properties("server.address=127.0.0.1", "server.port=0", "server.shutdown=immediate",
					"management.endpoint.health.probes.enabled=true", "socket.worker-threads=1",
					"socket.servers.echo.address=127.0.0.1", "socket.servers.echo.port=0",
					"socket.servers.echo.shutdown.grace-period=20s", "spring.lifecycle.timeout-per-shutdown-phase=30s")
			.run();
		int httpPort = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		SocketServer echo = this.context.getBean(SocketServer.class);
		HttpResponse<String> ready = readiness(httpPort);
		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(ready.body(), "$.status")).isEqualTo("UP");
		try (Socket client = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
			client.setSoTimeout((int) TIMEOUT.toMillis());
			client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
			BufferedReader in = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).isEqualTo("hello");
			this.closer = new Thread(this.context::close, "context-closer");
			this.closer.start();
			// The server half-closes once it has flushed its goodbyes; this client keeps its side open, so the
			// drain lasts until it closes.
			assertThat(in.read()).isEqualTo(-1);
			assertThat(echo.state()).isEqualTo(ServerState.DRAINING);
			await().atMost(TIMEOUT).until(() -> readiness(httpPort).statusCode() == 503);
			HttpResponse<String> refusing = readiness(httpPort);
			assertThat((String) JsonPath.read(refusing.body(), "$.status")).isEqualTo("OUT_OF_SERVICE");
			assertThat(echo.state()).isEqualTo(ServerState.DRAINING);
			assertThat(this.closer.isAlive()).isTrue();
		}
		this.closer.join(TIMEOUT.toMillis());
		assertThat(this.closer.isAlive()).isFalse();
		assertThat(echo.state()).isEqualTo(ServerState.STOPPED);
		assertThat(this.context.isActive()).isFalse();
	}

	private HttpResponse<String> readiness(int httpPort) throws Exception {
		URI readiness = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness");
		HttpRequest request = HttpRequest.newBuilder(readiness).timeout(TIMEOUT).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
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
