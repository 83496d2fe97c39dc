package dev.socketserver.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.ServerFixture;
import dev.socketserver.client.ClientTestSupport.Recording;
import dev.socketserver.client.ClientTestSupport.StateRecorder;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What keeps a client connected: reconnects with a growing, capped backoff, failover to the next endpoint,
 * fail-back to the first, and heartbeats that find a dead link. Delays are observed as the client schedules them,
 * never waited for by the test.
 */
class SocketClientReconnectTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static final ServerFixture servers = new ServerFixture();

	private final ClientTestSupport clients = new ClientTestSupport();

	@AfterEach
	void stopClients() {
		this.clients.stopClients();
	}

	private SocketClient start(SocketClientConfig.Builder config) {
		return this.clients.start(config, servers.eventLoops());
	}

	private static SocketClientConfig.Builder quick(SocketClientConfig.Builder config) {
		return config.reconnect((reconnect) -> reconnect.withInitialDelay(Duration.ofMillis(10))
			.withMaxDelay(Duration.ofMillis(80))
			.withMultiplier(2.0)
			.withJitter(0.0));
	}

	@Test
	void reconnectsAfterTheServerRestartsWithDelaysThatGrowAreCappedAndResetOnConnect() throws Exception {
		SocketServer server = servers.start(ClientTestSupport.lineEchoServer("restart"));
		int port = server.port();
		StateRecorder recorder = new StateRecorder();
		SocketClient client = this.clients.start(quick(ClientTestSupport.lineClient("restart", port)),
				servers.eventLoops(), recorder);
		client.awaitConnected(TIMEOUT);
		// The server's side of the connection must be open for its stop to close it.
		await().atMost(TIMEOUT).until(() -> server.connections().count() == 1);
		server.stop();
		await().atMost(TIMEOUT).until(() -> recorder.delaysMillis.size() >= 6);
		assertThat(recorder.delaysMillis.subList(0, 6)).containsExactly(10L, 20L, 40L, 80L, 80L, 80L);
		assertThat(client.state()).isNotEqualTo(ClientState.CONNECTED);
		assertThat(client.connectFailures()).isGreaterThanOrEqualTo(5);
		assertThat(client.lastBackoff()).isEqualTo(Duration.ofMillis(80));
		SocketServer restarted = servers.start(ClientTestSupport.lineServer("restart", port,
				(connection, line) -> connection.offer(line)));
		Connection connection = client.awaitConnected(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> restarted.connections().count() == 1);
		assertThat(client.reconnects()).isGreaterThanOrEqualTo(6);
		assertThat(recorder.states()).startsWith(ClientState.CONNECTING, ClientState.CONNECTED,
				ClientState.BACKING_OFF, ClientState.CONNECTING, ClientState.BACKING_OFF)
			.endsWith(ClientState.CONNECTING, ClientState.CONNECTED);
		int delaysBefore = recorder.delaysMillis.size();
		connection.close(CloseReason.CLOSED_BY_APPLICATION);
		await().atMost(TIMEOUT).until(() -> recorder.delaysMillis.size() > delaysBefore);
		assertThat(recorder.delaysMillis.get(delaysBefore)).isEqualTo(10L);
		assertThat(client.awaitConnected(TIMEOUT)).isNotSameAs(connection);
	}

	@Test
	void jitterTakesAtMostItsFractionOffTheDelayAndNeverExceedsTheMaximum() {
		Reconnect reconnect = Reconnect.DEFAULTS;
		assertThat(reconnect.delay(0, 0.0)).isEqualTo(Duration.ofMillis(100));
		assertThat(reconnect.delay(0, 0.9999)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
		assertThat(reconnect.delay(3, 0.5)).isEqualTo(Duration.ofMillis(720));
		assertThat(reconnect.delay(30, 0.0)).isEqualTo(Duration.ofSeconds(30));
		assertThat(reconnect.delay(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofSeconds(30));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> reconnect.withJitter(1.5))
			.withMessageContaining("'jitter'");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> reconnect.withMultiplier(0.5))
			.withMessageContaining("'multiplier'");
	}

	@Test
	void failsOverToTheNextEndpointWhenTheFirstRefuses() throws Exception {
		SocketServer server = servers.start(ClientTestSupport.lineEchoServer("second"));
		StateRecorder recorder = new StateRecorder();
		InetSocketAddress refusing = ClientTestSupport.loopback(ClientTestSupport.closedPort());
		InetSocketAddress serving = ClientTestSupport.loopback(server.port());
		SocketClient client = start(quick(SocketClientConfig.builder("failover")
			.endpoint(refusing)
			.endpoint(serving)
			.codec(ClientTestSupport.lines())));
		client.addListener(recorder);
		client.awaitConnected(TIMEOUT);
		assertThat(client.endpoint()).isEqualTo(serving);
		assertThat(client.connectFailures()).isEqualTo(1);
		await().atMost(TIMEOUT).until(() -> server.connections().count() == 1);
	}

	@Test
	void failsBackToTheFirstEndpointOnceItListensAgain() throws Exception {
		SocketServer second = servers.start(ClientTestSupport.lineEchoServer("second"));
		int firstPort = ClientTestSupport.closedPort();
		SocketClient client = start(quick(SocketClientConfig.builder("failback")
			.endpoint(ClientTestSupport.loopback(firstPort))
			.endpoint(ClientTestSupport.loopback(second.port()))
			.codec(ClientTestSupport.lines())
			.failBack((failBack) -> failBack.withEnabled(true).withInterval(Duration.ofMillis(20)))));
		client.awaitConnected(TIMEOUT);
		assertThat(client.endpoint().getPort()).isEqualTo(second.port());
		SocketServer first = servers.start(ClientTestSupport.lineServer("first", firstPort,
				(connection, line) -> connection.offer(line)));
		await().atMost(TIMEOUT)
			.until(() -> client.isConnected() && client.endpoint().getPort() == firstPort
					&& first.connections().count() == 1);
		await().atMost(TIMEOUT).until(() -> second.connections().count() == 0);
	}

	@Test
	void withoutReconnectsTheClientClosesAfterItsFirstFailure() throws Exception {
		StateRecorder recorder = new StateRecorder();
		SocketClient client = start(ClientTestSupport.lineClient("once", ClientTestSupport.closedPort())
			.reconnect((reconnect) -> reconnect.withEnabled(false)));
		client.addListener(recorder);
		await().atMost(TIMEOUT).until(() -> client.state() == ClientState.CLOSED);
		assertThat(client.connectFailures()).isEqualTo(1);
		assertThat(client.reconnects()).isZero();
		assertThat(client.connected().toCompletableFuture()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(NotConnectedException.class)
			.withMessageContaining("does not reconnect");
	}

	@Test
	void heartbeatClosesALinkWhoseServerNeverAnswersAndTheClientReconnects() throws Exception {
		try (SilentServer silent = new SilentServer()) {
			Recording handler = new Recording();
			SocketClient client = start(quick(ClientTestSupport.lineClient("pinging", silent.port()))
				.handler(handler)
				.heartbeatMessages(HeartbeatMessages.strings("PING", "PONG"))
				.heartbeat((heartbeat) -> heartbeat.withPingInterval(Duration.ofMillis(20))
					.withMaxMissedPings(2)
					.withPongRequired(true)
					.withTick(Duration.ofMillis(5))));
			Connection first = client.awaitConnected(TIMEOUT);
			assertThat(first.closeFuture().toCompletableFuture()).succeedsWithin(TIMEOUT)
				.isEqualTo(CloseReason.HEARTBEAT_TIMEOUT);
			assertThat(silent.lines.poll(5, TimeUnit.SECONDS)).isEqualTo("PING");
			assertThat(silent.lines.poll(5, TimeUnit.SECONDS)).isEqualTo("PING");
			await().atMost(TIMEOUT).until(() -> silent.accepted.get() >= 2);
			assertThat(handler.closed).first().isEqualTo(CloseReason.HEARTBEAT_TIMEOUT);
			assertThat(client.stats().pingsSent()).isGreaterThanOrEqualTo(2);
			assertThat(client.stats().closed(CloseReason.HEARTBEAT_TIMEOUT)).isGreaterThanOrEqualTo(1);
		}
	}

	/**
	 * A server that accepts and reads, and never says anything: a link that looks alive to TCP.
	 */
	private static final class SilentServer implements AutoCloseable {

		final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		final AtomicInteger accepted = new AtomicInteger();

		private final ServerSocket socket;

		private final List<Socket> connections = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		SilentServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::accept, "silent-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					this.connections.add(connection);
					this.accepted.incrementAndGet();
					Thread reader = new Thread(() -> read(connection), "silent-reader");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void read(Socket connection) {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII))) {
				String line;
				while ((line = in.readLine()) != null) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// The client closed the link.
			}
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
			this.acceptor.join(TimeUnit.SECONDS.toMillis(5));
		}

	}

}
