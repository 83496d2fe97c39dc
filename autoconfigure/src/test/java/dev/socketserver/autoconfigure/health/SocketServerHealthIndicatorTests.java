package dev.socketserver.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.socketserver.autoconfigure.LineClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.PortInUseException;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class SocketServerHealthIndicatorTests {

	private final EventLoops eventLoops = EventLoops.builder().workerThreads(1).build();

	private final List<NettySocketServer> servers = new ArrayList<>();

	@AfterEach
	void stopServers() {
		this.servers.forEach(NettySocketServer::stop);
		this.eventLoops.close();
	}

	@Test
	void runningServerIsUpWithItsDetails() throws IOException {
		NettySocketServer server = start(config("echo", 0).limits((limits) -> limits.withMaxConnections(50)));
		try (LineClient client = LineClient.connect(server.port())) {
			assertThat(client.exchange("ping")).isEqualTo("ping");
			Health health = new SocketServerHealthIndicator(server).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", server.state())
				.containsEntry("address", "127.0.0.1")
				.containsEntry("port", server.port())
				.containsEntry("transport", server.transport())
				.containsEntry("connections", 1)
				.containsEntry("maxConnections", 50)
				.containsKey("startedAt")
				.doesNotContainKey("error");
			assertThat((String) health.getDetails().get("uptime")).matches("PT\\d+S");
		}
	}

	@Test
	void serverNotStartedYetIsDown() {
		NettySocketServer server = create(config("idle", 4321));
		Health health = new SocketServerHealthIndicator(server).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "Not started")
			.containsEntry("port", 4321)
			.doesNotContainKey("uptime");
	}

	@Test
	void drainingServerIsOutOfService() throws IOException {
		NettySocketServer server = start(config("draining", 0));
		try (LineClient client = LineClient.connect(server.port())) {
			assertThat(client.exchange("still served")).isEqualTo("still served");
			server.stopAccepting();
			Health health = new SocketServerHealthIndicator(server).health();
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("connections", 1).doesNotContainKey("error");
		}
	}

	@Test
	void stoppedServerIsDown() {
		NettySocketServer server = start(config("stopped", 0));
		server.stop();
		Health health = new SocketServerHealthIndicator(server).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "Stopped").containsEntry("connections", 0);
	}

	@Test
	void serverThatFailedToBindIsDown() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			NettySocketServer server = create(config("clash", taken.getLocalPort()));
			assertThatExceptionOfType(PortInUseException.class).isThrownBy(server::start);
			Health health = new SocketServerHealthIndicator(server).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("state", server.state())
				.containsEntry("port", taken.getLocalPort())
				.containsEntry("error", "Failed to start or lost its event loops");
		}
	}

	@Test
	void serverWhoseEventLoopsWereShutDownIsDown() {
		NettySocketServer server = new NettySocketServer(config("orphan", 0).build());
		this.servers.add(server);
		server.start();
		assertThat(new SocketServerHealthIndicator(server).health().getStatus()).isEqualTo(Status.UP);
		server.eventLoops().close();
		await().until(() -> server.eventLoops().isShutdown());
		Health health = new SocketServerHealthIndicator(server).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "Event loops are shut down");
	}

	private NettySocketServer start(SocketServerConfig.Builder config) {
		NettySocketServer server = create(config);
		server.start();
		return server;
	}

	private NettySocketServer create(SocketServerConfig.Builder config) {
		NettySocketServer server = new NettySocketServer(config.build(), this.eventLoops);
		this.servers.add(server);
		return server;
	}

	private static SocketServerConfig.Builder config(String name, int port) {
		return SocketServerConfig.builder(name)
			.address(InetAddress.getLoopbackAddress())
			.port(port)
			.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, line) -> connection.offer(line));
	}

}
