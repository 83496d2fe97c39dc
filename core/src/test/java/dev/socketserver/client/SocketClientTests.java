package dev.socketserver.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.socketserver.ServerFixture;
import dev.socketserver.client.ClientTestSupport.Recording;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.request.Correlation;
import dev.socketserver.request.RequestRefusedException;
import dev.socketserver.request.RequestTimeoutException;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Clients against real servers on loopback: sends and replies with the server's codec, unsolicited messages,
 * requests, a pool, what happens while disconnected, and stopping.
 */
class SocketClientTests {

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

	@Test
	void sendsWithTheServersCodecAndReceivesTheEchoes() throws Exception {
		SocketServer server = servers.start(ClientTestSupport.lineEchoServer("echo"));
		Recording handler = new Recording();
		SocketClient client = start(ClientTestSupport.lineClient("echo", server.port()).handler(handler));
		Connection connection = client.awaitConnected(TIMEOUT);
		assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
		assertThat(connection.serverName()).isEqualTo("echo");
		client.send("hello").toCompletableFuture().get(5, TimeUnit.SECONDS);
		client.send("world");
		assertThat(handler.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
		assertThat(handler.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("world");
		assertThat(handler.opened).containsExactly(connection);
		assertThat(client.stats().bytesSent()).isEqualTo("hello\nworld\n".length());
	}

	@Test
	void unsolicitedServerMessagesReachTheClientsHandler() throws Exception {
		SocketServer server = servers.start(ClientTestSupport.lineServer("news", 0, new SocketHandler<>() {

			@Override
			public void onOpen(Connection connection) {
				connection.offer("welcome");
			}

			@Override
			public void onMessage(Connection connection, String message) {
			}

		}));
		Recording handler = new Recording();
		start(ClientTestSupport.lineClient("news", server.port()).handler(handler));
		assertThat(handler.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("welcome");
	}

	@Test
	void requestsAreAnsweredInOrderByAServerThatEchoesAndRepliesSkipTheHandler() throws Exception {
		SocketServer server = servers.start(ClientTestSupport.lineServer("upper", 0,
				(connection, line) -> connection.offer(line.toUpperCase())));
		Recording handler = new Recording();
		SocketClient client = start(ClientTestSupport.lineClient("upper", server.port())
			.handler(handler)
			.correlation(Correlation.inOrder()));
		client.awaitConnected(TIMEOUT);
		CompletableFuture<Object> first = client.request("one").toCompletableFuture();
		CompletableFuture<String> second = client.request("two", String.class, TIMEOUT).toCompletableFuture();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("ONE");
		assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("TWO");
		assertThat(handler.messages).isEmpty();
		assertThat(client.stats().requestsSent()).isEqualTo(2);
		assertThat(client.stats().replies()).isEqualTo(2);
	}

	@Test
	void requestsWithABinarySequenceAreMatchedByTheirNumberWhateverTheOrderOfReplies() throws Exception {
		MessageCodec<byte[]> frames = MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes());
		AtomicReference<byte[]> held = new AtomicReference<>();
		// Each first request waits for the second, then both are answered, the second first.
		SocketHandler<byte[]> answerInPairs = (connection, request) -> {
			byte[] previous = held.getAndSet(null);
			if (previous == null) {
				held.set(request);
			}
			else {
				connection.offer(request);
				connection.offer(previous);
			}
		};
		SocketServer server = servers.start(SocketServerConfig.builder("binary").codec(frames).handler(answerInPairs));
		SocketClient client = start(SocketClientConfig.builder("binary")
			.endpoint("127.0.0.1", server.port())
			.codec(frames)
			.correlation(Correlation.binarySequence(0, 0, 2)));
		client.awaitConnected(TIMEOUT);
		CompletableFuture<Object> first = client.request(new byte[] { 0, 0, 'a' }).toCompletableFuture();
		CompletableFuture<Object> second = client.request(new byte[] { 0, 0, 'b' }).toCompletableFuture();
		assertThat((byte[]) first.get(5, TimeUnit.SECONDS)).containsExactly(0, 1, 'a');
		assertThat((byte[]) second.get(5, TimeUnit.SECONDS)).containsExactly(0, 2, 'b');
	}

	@Test
	void requestWithoutACorrelationIsRefused() throws Exception {
		SocketServer server = servers.start(ClientTestSupport.lineEchoServer("plain"));
		SocketClient client = start(ClientTestSupport.lineClient("plain", server.port()));
		client.awaitConnected(TIMEOUT);
		assertThat(client.request("x").toCompletableFuture()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(RequestRefusedException.class)
			.withMessageContaining("'plain'");
	}

	@Test
	void aPoolOfThreeSpreadsMessagesOverThreeConnectionsInTurn() throws Exception {
		Map<String, AtomicInteger> perConnection = new ConcurrentHashMap<>();
		AtomicInteger received = new AtomicInteger();
		SocketServer server = servers.start(ClientTestSupport.lineServer("pool", 0, (connection, line) -> {
			perConnection.computeIfAbsent(connection.id(), (id) -> new AtomicInteger()).incrementAndGet();
			received.incrementAndGet();
		}));
		SocketClient client = start(ClientTestSupport.lineClient("pool", server.port()).poolSize(3));
		await().atMost(TIMEOUT).until(() -> client.connections().size() == 3);
		await().atMost(TIMEOUT).until(() -> server.connections().count() == 3);
		for (int i = 0; i < 30; i++) {
			client.send("message " + i);
		}
		await().atMost(TIMEOUT).until(() -> received.get() == 30);
		assertThat(perConnection).hasSize(3);
		assertThat(perConnection.values()).allSatisfy((count) -> assertThat(count).hasValue(10));
	}

	@Test
	void whileDisconnectedFailSendsAndRequestsFailAtOnceAndReleaseTheirMessages() throws Exception {
		SocketClient client = start(ClientTestSupport.lineClient("down", ClientTestSupport.closedPort())
			.correlation(Correlation.inOrder()));
		ByteBuf message = Unpooled.copiedBuffer("lost", StandardCharsets.US_ASCII);
		assertThat(client.send(message).toCompletableFuture()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(NotConnectedException.class)
			.withMessage("Socket client 'down' is not connected");
		assertThat(message.refCnt()).isZero();
		assertThat(client.request("question").toCompletableFuture()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(NotConnectedException.class);
	}

	@Test
	void whileDisconnectedQueueKeepsMessagesInOrderUpToItsCapacityAndSendsThemOnConnect() throws Exception {
		int port = ClientTestSupport.closedPort();
		SocketClient client = start(ClientTestSupport.lineClient("later", port)
			.reconnect((reconnect) -> reconnect.withInitialDelay(Duration.ofMillis(10))
				.withMaxDelay(Duration.ofMillis(50)))
			.correlation(Correlation.inOrder())
			.queueWhileDisconnected(3));
		CompletableFuture<Void> first = client.send("first").toCompletableFuture();
		CompletableFuture<Object> question = client.request("question", TIMEOUT).toCompletableFuture();
		CompletableFuture<Void> last = client.send("last").toCompletableFuture();
		ByteBuf overflow = Unpooled.copiedBuffer("overflow\n", StandardCharsets.US_ASCII);
		assertThat(client.send(overflow).toCompletableFuture()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ClientQueueFullException.class)
			.withMessage("Socket client 'later' is not connected and its queue of 3 messages is full");
		assertThat(overflow.refCnt()).isZero();
		assertThat(first).isNotDone();
		List<String> received = new ArrayList<>();
		servers.start(ClientTestSupport.lineServer("later", port, (connection, line) -> {
			synchronized (received) {
				received.add(line);
			}
			connection.offer("answer to " + line);
		}));
		assertThat(first).succeedsWithin(TIMEOUT);
		assertThat(last).succeedsWithin(TIMEOUT);
		// In order: the reply to "first" arrives before the request, and answers no request.
		assertThat(question).succeedsWithin(TIMEOUT).isEqualTo("answer to first");
		await().atMost(TIMEOUT).until(() -> {
			synchronized (received) {
				return received.size() == 3;
			}
		});
		synchronized (received) {
			assertThat(received).containsExactly("first", "question", "last");
		}
	}

	@Test
	void aQueuedRequestKeepsItsTimeout() throws Exception {
		SocketClient client = start(ClientTestSupport.lineClient("never", ClientTestSupport.closedPort())
			.correlation(Correlation.inOrder())
			.queueWhileDisconnected(10));
		ByteBuf request = Unpooled.copiedBuffer("question", StandardCharsets.US_ASCII);
		assertThat(client.request(request, Duration.ofMillis(50)).toCompletableFuture()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(RequestTimeoutException.class)
			.withMessageContaining("socket client 'never' was not connected");
		assertThat(request.refCnt()).isZero();
	}

	@Test
	void stopClosesTheConnectionFailsWhatWaitsAndIsFinal() throws Exception {
		SocketServer server = servers.start(ClientTestSupport.lineEchoServer("final"));
		Recording handler = new Recording();
		SocketClient client = start(ClientTestSupport.lineClient("final", server.port()).handler(handler));
		Connection connection = client.awaitConnected(TIMEOUT);
		client.stop();
		client.stop();
		assertThat(client.state()).isEqualTo(ClientState.CLOSED);
		assertThat(connection.closeFuture().toCompletableFuture()).succeedsWithin(TIMEOUT)
			.isEqualTo(CloseReason.CLOSED_BY_APPLICATION);
		await().atMost(TIMEOUT).until(() -> server.connections().count() == 0);
		assertThat(client.connection()).isNull();
		assertThat(client.send("late").toCompletableFuture()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(NotConnectedException.class)
			.withMessage("Socket client 'final' was stopped");
		assertThat(client.connected().toCompletableFuture()).failsWithin(TIMEOUT);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(client::start);
		await().atMost(TIMEOUT).until(() -> handler.closed.size() == 1);
		assertThat(handler.closed).containsExactly(CloseReason.CLOSED_BY_APPLICATION);
	}

	@Test
	void configurationRejectsAClientWithoutEndpointOrCodec() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> SocketClientConfig.builder("none").codec(ClientTestSupport.lines()).build())
			.withMessage("Socket client 'none' has no endpoint");
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> SocketClientConfig.builder("none").endpoint("localhost", 1).build())
			.withMessage("Socket client 'none' has no codec");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> ClientTestSupport.lineClient("pool", 1).poolSize(0).build())
			.withMessageContaining("'poolSize'");
	}

}
