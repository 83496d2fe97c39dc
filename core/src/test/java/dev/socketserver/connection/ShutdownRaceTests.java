package dev.socketserver.connection;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection accepted just before its server stops, but not yet registered with its worker loop, must not
 * outlive the server when the loops are shared with servers that keep running.
 */
class ShutdownRaceTests {

	@Test
	@Timeout(30)
	void connectionAcceptedButNotYetOpenWhenTheServerStopsIsClosedOnceItOpens() throws Exception {
		EventLoops loops = EventLoops.builder().workerThreads(1).build();
		CountDownLatch release = new CountDownLatch(1);
		try {
			SocketServer server = new NettySocketServer(SocketServerConfig.builder("late")
				.address(InetAddress.getLoopbackAddress())
				.port(0)
				.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.handler((connection, message) -> connection.offer(message))
				.build(), loops);
			server.start();
			// The only worker loop is held, so the accepted child waits for its registration there.
			CountDownLatch held = new CountDownLatch(1);
			loops.workerGroup().next().execute(() -> {
				held.countDown();
				awaitQuietly(release);
			});
			held.await(5, TimeUnit.SECONDS);
			try (TestClient client = new TestClient(server.port())) {
				AcceptGate gate = (AcceptGate) server.connections().acceptHandler();
				await().atMost(10, TimeUnit.SECONDS).until(() -> gate.admitted() == 1);
				server.stop();
				assertThat(server.connections().count()).isZero();
				release.countDown();
				assertThat(client.isClosedByPeer()).as("closed by the stopped server").isTrue();
				await().atMost(10, TimeUnit.SECONDS).until(() -> server.connections().count() == 0);
			}
		}
		finally {
			release.countDown();
			loops.close();
		}
	}

	@Test
	@Timeout(30)
	void aServerStartedAgainAfterAStopOrADrainServesNewConnections() throws Exception {
		EventLoops loops = EventLoops.builder().workerThreads(1).build();
		try {
			SocketServer server = new NettySocketServer(SocketServerConfig.builder("again")
				.address(InetAddress.getLoopbackAddress())
				.port(0)
				.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.handler((connection, message) -> connection.offer(message))
				.build(), loops);
			server.start();
			server.stop();
			server.start();
			try (TestClient client = new TestClient(server.port())) {
				client.writeLine("after a stop");
				assertThat(client.readLine()).isEqualTo("after a stop");
			}
			server.shutdownGracefully(Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
			server.stop();
			server.start();
			try (TestClient client = new TestClient(server.port())) {
				client.writeLine("after a drain");
				assertThat(client.readLine()).isEqualTo("after a drain");
			}
			server.stop();
		}
		finally {
			loops.close();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
