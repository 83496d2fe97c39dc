package dev.socketserver.request;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.codec.json.JsonCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionClosedException;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.controller.ControllerHandler;
import dev.socketserver.routing.IdentityNotConnectedException;
import dev.socketserver.routing.LocalMessageRouter;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.server.SocketServers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Requests from the server to a client over real sockets, the client played by a blocking test socket.
 */
class RequestResponseTests {

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private static final Duration TICK = Duration.ofMillis(10);

	private final CompletableFuture<Connection> opened = new CompletableFuture<>();

	private final BlockingQueue<Object> unsolicited = new LinkedBlockingQueue<>();

	private SocketServer start(MessageCodec<?> codec, RequestPolicy requests) {
		return fixture.start(SocketServerConfig.builder("devices")
			.port(0)
			.codec(codec)
			.heartbeat((heartbeat) -> heartbeat.withTick(TICK))
			.requests(requests)
			.handler(recording()));
	}

	/**
	 * A handler that notes the connection and the messages that reach it, replies to no request among them.
	 */
	private SocketHandler<Object> recording() {
		return new SocketHandler<>() {

			@Override
			public void onOpen(Connection connection) {
				RequestResponseTests.this.opened.complete(connection);
			}

			@Override
			public void onMessage(Connection connection, Object message) {
				RequestResponseTests.this.unsolicited.add(message);
			}

		};
	}

	private static MessageCodec<byte[]> frames() {
		return MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes());
	}

	private static byte[] command(int marker) {
		// Bytes 0-3 are the sequence number the correlation writes; 4-7 tell the requests apart.
		return ByteBuffer.allocate(8).putInt(0).putInt(marker).array();
	}

	private Connection connection() throws Exception {
		return this.opened.get(5, TimeUnit.SECONDS);
	}

	private static ConnectionStats stats(SocketServer server) {
		return server.connections().stats();
	}

	@Test
	void thousandConcurrentRequestsAnsweredOutOfOrderAreAllMatched() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 4)));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			List<CompletableFuture<Object>> replies = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				replies.add(connection.request(command(i), Duration.ofSeconds(30)).toCompletableFuture());
			}
			List<byte[]> received = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				received.add(device.readFrame());
			}
			Collections.shuffle(received, new Random(42));
			for (byte[] request : received) {
				// The device echoes the sequence number and answers with the marker negated.
				ByteBuffer in = ByteBuffer.wrap(request);
				device.writeFrame(ByteBuffer.allocate(8).putInt(in.getInt()).putInt(-in.getInt()).array());
			}
			for (int i = 0; i < 1000; i++) {
				byte[] reply = (byte[]) replies.get(i).get(5, TimeUnit.SECONDS);
				assertThat(ByteBuffer.wrap(reply).getInt(4)).as("reply to request %d", i).isEqualTo(-i);
			}
			assertThat(this.unsolicited).isEmpty();
			assertThat(stats(server).requestsSent()).isEqualTo(1000);
			assertThat(stats(server).replies()).isEqualTo(1000);
			assertThat(stats(server).requestsTimedOut()).isZero();
		}
	}

	@Test
	void requestsAndSendsFromAnotherThreadReachTheWireInTheOrderTheyWereMade() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 4)));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			int rounds = 1000;
			// Below the in-flight limit of 1024. A send first, so that a drain task is already queued when each
			// request is made: a request handed to the loop as a task of its own would be overtaken by the next send.
			for (int i = 0; i < rounds; i++) {
				connection.send(command(2 * i));
				connection.request(command(2 * i + 1), Duration.ofSeconds(30));
			}
			for (int marker = 0; marker < 2 * rounds; marker++) {
				assertThat(ByteBuffer.wrap(device.readFrame()).getInt(4)).as("frame %d", marker).isEqualTo(marker);
			}
			assertThat(stats(server).requestsSent()).isEqualTo(rounds);
		}
	}

	@Test
	void timeoutsFireOnceAndTheLateReplyReachesTheHandler() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 4)));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			List<CompletableFuture<Object>> replies = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				replies.add(connection.request(command(i), Duration.ofMillis(50)).toCompletableFuture());
			}
			for (CompletableFuture<Object> reply : replies) {
				assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).cause()
					.isInstanceOf(RequestTimeoutException.class)
					.hasMessageContaining("within PT0.05S");
			}
			byte[] first = device.readFrame();
			device.writeFrame(first);
			// The reply came too late: no request waits for it, so it is an ordinary message.
			assertThat(this.unsolicited.poll(5, TimeUnit.SECONDS)).isEqualTo(first);
			// A later request is answered, after many more ticks: nothing timed out twice.
			CompletableFuture<Object> answered = connection.request(command(7), Duration.ofSeconds(30))
				.toCompletableFuture();
			for (int i = 1; i < 100; i++) {
				device.readFrame();
			}
			byte[] seventh = device.readFrame();
			device.writeFrame(seventh);
			assertThat(answered.get(5, TimeUnit.SECONDS)).isEqualTo(seventh);
			assertThat(stats(server).requestsTimedOut()).isEqualTo(100);
			assertThat(stats(server).replies()).isEqualTo(1);
		}
	}

	@Test
	void aCloseFailsEveryPendingRequestWithItsReason() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 4)));
		List<CompletableFuture<Object>> replies = new ArrayList<>();
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			for (int i = 0; i < 10; i++) {
				replies.add(connection.request(command(i), Duration.ofSeconds(30)).toCompletableFuture());
			}
			for (int i = 0; i < 10; i++) {
				device.readFrame();
			}
		}
		for (CompletableFuture<Object> reply : replies) {
			assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).cause()
				.isInstanceOfSatisfying(ConnectionClosedException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(CloseReason.PEER_CLOSED));
		}
		assertThat(stats(server).requestsFailed()).isEqualTo(10);
		Connection closed = connection();
		assertThatThrownBy(() -> closed.request(command(11)).toCompletableFuture().join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(ConnectionClosedException.class);
	}

	@Test
	void anApplicationCloseFailsPendingRequestsWithItsReason() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 4)));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			CompletableFuture<Object> reply = connection.request(command(1)).toCompletableFuture();
			device.readFrame();
			connection.close(CloseReason.CLOSED_BY_APPLICATION);
			assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).cause()
				.isInstanceOfSatisfying(ConnectionClosedException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(CloseReason.CLOSED_BY_APPLICATION));
		}
	}

	@Test
	void requestsPastTheInFlightLimitAreRefused() throws Exception {
		SocketServer server = start(frames(),
				RequestPolicy.of(Correlation.binarySequence(0, 0, 4)).withMaxInFlight(5));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			List<CompletableFuture<Object>> replies = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				replies.add(connection.request(command(i)).toCompletableFuture());
			}
			assertThatThrownBy(() -> connection.request(command(5)).toCompletableFuture().get(5, TimeUnit.SECONDS))
				.cause()
				.isInstanceOf(RequestRefusedException.class)
				.hasMessageContaining("5 requests in flight");
			for (int i = 0; i < 5; i++) {
				device.writeFrame(device.readFrame());
			}
			for (CompletableFuture<Object> reply : replies) {
				assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(byte[].class);
			}
			CompletableFuture<Object> again = connection.request(command(6)).toCompletableFuture();
			byte[] sixth = device.readFrame();
			device.writeFrame(sixth);
			assertThat(again.get(5, TimeUnit.SECONDS)).isEqualTo(sixth);
			assertThat(stats(server).requestsFailed()).isEqualTo(1);
		}
	}

	@Test
	void sequenceNumbersWrapAroundAndAnIdStillPendingIsRefused() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 1)));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			CompletableFuture<Object> first = connection.request(command(0), Duration.ofSeconds(30))
				.toCompletableFuture();
			byte[] firstSent = device.readFrame();
			assertThat(firstSent[0]).isEqualTo((byte) 1);
			// 255 more answered one by one take the one-byte counter round to 1 again, still pending.
			for (int i = 1; i < 256; i++) {
				CompletableFuture<Object> reply = connection.request(command(i), Duration.ofSeconds(30))
					.toCompletableFuture();
				byte[] sent = device.readFrame();
				assertThat(sent[0] & 0xFF).isEqualTo((i + 1) & 0xFF);
				device.writeFrame(sent);
				reply.get(5, TimeUnit.SECONDS);
			}
			assertThatThrownBy(() -> connection.request(command(256)).toCompletableFuture().get(5, TimeUnit.SECONDS))
				.cause()
				.isInstanceOf(RequestRefusedException.class)
				.hasMessageContaining("still waiting");
			device.writeFrame(firstSent);
			assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(firstSent);
		}
	}

	@Test
	void inOrderRepliesAnswerTheOldestRequestAndALateOneIsSwallowed() throws Exception {
		SocketServer server = start(
				MessageCodec.of(new LineFraming(1024, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)),
				RequestPolicy.of(Correlation.inOrder()));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			CompletableFuture<Object> slow = connection.request("slow", Duration.ofMillis(50)).toCompletableFuture();
			assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).cause()
				.isInstanceOf(RequestTimeoutException.class);
			CompletableFuture<Object> next = connection.request("next", Duration.ofSeconds(30)).toCompletableFuture();
			assertThat(device.readLine()).isEqualTo("slow");
			assertThat(device.readLine()).isEqualTo("next");
			device.writeLine("answer to slow");
			device.writeLine("answer to next");
			assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("answer to next");
			device.writeLine("unsolicited");
			assertThat(this.unsolicited.poll(5, TimeUnit.SECONDS)).isEqualTo("unsolicited");
			assertThat(stats(server).lateReplies()).isEqualTo(1);
			assertThat(this.unsolicited).isEmpty();
		}
	}

	@Test
	void jsonRequestsGetAnIdAndRepliesMatchByIt() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		SocketServer server = start(JsonCodec.builder(mapper).build(), RequestPolicy.of(Correlation.jsonField("id")));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			ObjectNode command = mapper.createObjectNode().put("type", "set-valve").put("valve", 3);
			CompletableFuture<Object> reply = connection.request(command).toCompletableFuture();
			JsonNode sent = mapper.readTree(device.readLine());
			assertThat(sent.get("id").asLong()).isEqualTo(1);
			device.writeLine("{\"type\":\"status\",\"temperature\":21}");
			device.writeLine("{\"type\":\"ack\",\"id\":\"1\",\"open\":true}");
			JsonNode ack = (JsonNode) reply.get(5, TimeUnit.SECONDS);
			assertThat(ack.get("open").asBoolean()).isTrue();
			JsonNode status = (JsonNode) this.unsolicited.poll(5, TimeUnit.SECONDS);
			assertThat(status).isNotNull();
			assertThat(status.get("type").asString()).isEqualTo("status");
			CompletionStage<Record> typed = connection.request(new Command("7", "close"), Record.class,
					Duration.ofSeconds(30));
			assertThat(mapper.readTree(device.readLine()).get("id").asString()).isEqualTo("7");
			device.writeLine("{\"id\":7}");
			assertThatThrownBy(() -> typed.toCompletableFuture().get(5, TimeUnit.SECONDS)).cause()
				.isInstanceOf(ClassCastException.class);
		}
	}

	@Test
	void aServerWithoutCorrelationRefusesRequests() throws Exception {
		SocketServer server = fixture.start(SocketServerConfig.builder("plain")
			.port(0)
			.codec(frames())
			.handler(recording()));
		try (TestClient device = new TestClient(server.port())) {
			assertThatThrownBy(() -> connection().request(command(1)).toCompletableFuture().join())
				.cause()
				.isInstanceOf(RequestRefusedException.class)
				.hasMessageContaining("no correlation");
		}
	}

	@Test
	void theRouterRequestsTheConnectionOfAnIdentity() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 4)));
		LocalMessageRouter router = new LocalMessageRouter(new SocketServers(List.of(server)));
		assertThatThrownBy(() -> router.request("devices", "pump-7", command(1), Duration.ofSeconds(1))
			.toCompletableFuture()
			.join()).cause().isInstanceOf(IdentityNotConnectedException.class).hasMessageContaining("pump-7");
		try (TestClient device = new TestClient(server.port())) {
			connection().bindIdentity("pump-7");
			CompletableFuture<Object> reply = router.request("devices", "pump-7", command(1), Duration.ofSeconds(30))
				.toCompletableFuture();
			byte[] sent = device.readFrame();
			device.writeFrame(sent);
			assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo(sent);
		}
	}

	@Test
	void aHandlerCanRequestFromTheEventLoopAndReplyWhenAnswered() throws Exception {
		SocketServer server = fixture.start(SocketServerConfig.builder("asking")
			.port(0)
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.requests(RequestPolicy.of(Correlation.<Object>inOrder()
				.repliesOnly((line) -> ((String) line).startsWith("reply "))))
			.handler((connection, message) -> {
				String line = (String) message;
				if (line.startsWith("ask ")) {
					connection.request("question " + line.substring(4), Duration.ofSeconds(30))
						.thenAccept((reply) -> connection.offer("got " + reply));
				}
			}));
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("ask x");
			assertThat(client.readLine()).isEqualTo("question x");
			// Not a reply, though a request waits: the handler asks again.
			client.writeLine("ask y");
			assertThat(client.readLine()).isEqualTo("question y");
			client.writeLine("reply 42");
			assertThat(client.readLine()).isEqualTo("got reply 42");
			client.writeLine("reply 43");
			assertThat(client.readLine()).isEqualTo("got reply 43");
		}
		await().untilAsserted(() -> assertThat(stats(server).replies()).isEqualTo(2));
	}

	@Test
	void aControllerReturnsTheStageOfARequestAndItsReplyIsSent() throws Exception {
		ControllerHandler handler = ControllerHandler.builder("asking")
			.messageType(String.class)
			.replyType(String.class)
			.typeResolver(MessageTypeResolver.firstWord())
			.errorReplies(ErrorReplies.lines())
			.controller(new AskingController())
			.build();
		SocketServer server = fixture.start(SocketServerConfig.builder("asking")
			.port(0)
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.requests(RequestPolicy.of(Correlation.<Object>inOrder()
				.repliesOnly((line) -> ((String) line).startsWith("REPLY "))))
			.handler(handler));
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("ASK valve");
			assertThat(client.readLine()).isEqualTo("QUESTION valve");
			client.writeLine("REPLY open");
			assertThat(client.readLine()).isEqualTo("ANSWER REPLY open");
		}
	}

	@Test
	void requestsWithShorterTimeoutsExpireBeforeEarlierOnes() throws Exception {
		SocketServer server = start(frames(), RequestPolicy.of(Correlation.binarySequence(0, 0, 4)));
		try (TestClient device = new TestClient(server.port())) {
			Connection connection = connection();
			CompletableFuture<Object> patient = connection.request(command(1), Duration.ofSeconds(30))
				.toCompletableFuture();
			CompletableFuture<Object> hasty = connection.request(command(2), Duration.ofMillis(30))
				.toCompletableFuture();
			assertThatThrownBy(() -> hasty.get(5, TimeUnit.SECONDS)).cause()
				.isInstanceOf(RequestTimeoutException.class);
			assertThat(patient).isNotDone();
			byte[] first = device.readFrame();
			device.readFrame();
			device.writeFrame(first);
			assertThat(patient.get(5, TimeUnit.SECONDS)).isEqualTo(first);
		}
	}

	static class AskingController {

		@OnMessage("ASK")
		CompletionStage<Object> ask(Connection connection, String line) {
			return connection.request("QUESTION " + line.substring(4))
				.thenApply((reply) -> "ANSWER " + reply);
		}

	}

	record Command(String id, @Nullable String action) {
	}

}
