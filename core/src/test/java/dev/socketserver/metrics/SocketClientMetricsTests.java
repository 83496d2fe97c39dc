package dev.socketserver.metrics;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.socketserver.ServerFixture;
import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.SocketClient;
import dev.socketserver.client.SocketClientConfig;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.request.Correlation;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client meters against a real server: state, connections, requests and traffic, then reconnects and failed
 * attempts once the server is gone.
 */
class SocketClientMetricsTests {

	@RegisterExtension
	static final ServerFixture servers = new ServerFixture();

	private static MessageCodec<String> lines() {
		return MessageCodec.of(new LineFraming(1024, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8));
	}

	@Test
	void metersFollowTheClient() throws Exception {
		SocketServer server = servers.start(SocketServerConfig.builder("echo")
			.address(InetAddress.getLoopbackAddress())
			.codec(lines())
			.handler((connection, line) -> connection.offer(line)));
		SocketClient client = new NettySocketClient(SocketClientConfig.builder("orders")
			.endpoint("127.0.0.1", server.port())
			.codec(lines())
			.correlation(Correlation.inOrder())
			.reconnect((reconnect) -> reconnect.withInitialDelay(Duration.ofMillis(10))
				.withMaxDelay(Duration.ofMillis(20)))
			.build(), servers.eventLoops());
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new SocketClientMetrics(List.of(client)).bindTo(registry);
		assertThat(registry.get("socket.client.state").tag("client", "orders").gauge().value()).isZero();
		try {
			client.start();
			client.awaitConnected(Duration.ofSeconds(5));
			assertThat(client.request("hello").toCompletableFuture().get()).isEqualTo("hello");
			assertThat(registry.get("socket.client.state").gauge().value()).isEqualTo(1);
			assertThat(registry.get("socket.client.connections").gauge().value()).isEqualTo(1);
			assertThat(registry.get("socket.client.requests.sent").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("socket.client.requests.replied").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("socket.client.requests.timeouts").functionCounter().count()).isZero();
			assertThat(registry.get("socket.client.data.sent").functionCounter().count()).isEqualTo(6);
			assertThat(registry.get("socket.client.data.received").functionCounter().count()).isEqualTo(6);
			await().until(() -> server.connections().count() == 1);
			server.stop();
			await().until(() -> registry.get("socket.client.connect.failures").functionCounter().count() >= 2);
			assertThat(registry.get("socket.client.state").gauge().value()).isZero();
			assertThat(registry.get("socket.client.connections").gauge().value()).isZero();
			assertThat(registry.get("socket.client.reconnects").functionCounter().count()).isGreaterThanOrEqualTo(2);
			// Totals of the closed connection stay.
			assertThat(registry.get("socket.client.data.sent").functionCounter().count()).isEqualTo(6);
		}
		finally {
			client.stop();
		}
	}

}
