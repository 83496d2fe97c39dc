package dev.socketserver.handler.controller;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.socketserver.TestClient;
import dev.socketserver.codec.Codec;
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
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.handler.annotation.Identity;
import dev.socketserver.handler.annotation.MessageType;
import dev.socketserver.handler.annotation.OnClose;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.OnOpen;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The controller model without Spring: {@link ControllerHandler} built by hand, served by a real server.
 */
class ControllerHandlerTests {

	private static EventLoops eventLoops;

	private SocketServer server;

	@BeforeAll
	static void createEventLoops() {
		eventLoops = EventLoops.builder().workerThreads(1).build();
	}

	@AfterAll
	static void closeEventLoops() {
		eventLoops.close();
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void jsonMessagesAreRoutedByTheirTypeFieldAndBoundToRecords() throws Exception {
		JsonCodec codec = JsonCodec.builder(JsonMapper.builder().build()).build();
		ControllerHandler handler = ControllerHandler.builder("json").codec(codec).controller(new JsonController())
			.build();
		assertThat(handler.messageTypes()).containsExactlyInAnyOrder("greet", "later");
		try (TestClient client = new TestClient(start(codec, handler))) {
			client.writeLine("{\"type\":\"greet\",\"name\":\"Ada\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"greeting\",\"text\":\"Hello, Ada\"}");
			client.writeLine("{\"type\":\"later\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"done\",\"text\":\"later\"}");
			client.writeLine("{\"type\":\"dance\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"error\",\"error\":\"unknown type dance\"}");
			client.writeLine("{\"name\":\"nobody\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"error\",\"error\":\"missing type\"}");
			client.writeLine("{\"type\":\"greet\",\"name\":{\"first\":\"Ada\"}}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"error\",\"error\":\"invalid payload\","
					+ "\"violations\":[{\"field\":\"name\",\"message\":\"invalid value\"}]}");
		}
	}

	@Test
	void lineCommandsAreRoutedByTheirFirstWord() throws Exception {
		Codec<String> codec = MessageCodec.of(new LineFraming(256, LineDelimiter.LF),
				PayloadCodec.string(StandardCharsets.UTF_8));
		ControllerHandler handler = ControllerHandler.builder("lines")
			.messageType(String.class)
			.replyType(String.class)
			.typeResolver(MessageTypeResolver.firstWord())
			.errorReplies(ErrorReplies.lines())
			.controller(new LineController())
			.build();
		try (TestClient client = new TestClient(start(codec, handler))) {
			assertThat(client.readLine()).isEqualTo("HELLO");
			client.writeLine("LOGIN ada");
			assertThat(client.readLine()).isEqualTo("OK ada");
			client.writeLine("WHOAMI");
			assertThat(client.readLine()).isEqualTo("YOU ARE ada");
			client.writeLine("JUMP high");
			assertThat(client.readLine()).isEqualTo("ERR unknown command JUMP");
		}
	}

	@Test
	void binaryMessagesAreRoutedByANumericId() throws Exception {
		Codec<byte[]> codec = MessageCodec.of(LengthFieldFraming.builder().maxFrameLength(1024).build(),
				PayloadCodec.bytes());
		ControllerHandler handler = ControllerHandler.builder("binary")
			.messageType(byte[].class)
			.replyType(byte[].class)
			.typeResolver(MessageTypeResolver.binaryId(0, 1))
			.controller(new BinaryController())
			.build();
		assertThat(handler.unknownTypePolicy()).isEqualTo(UnknownTypePolicy.CLOSE);
		try (TestClient client = new TestClient(start(codec, handler))) {
			client.writeFrame(new byte[] { 1, 42 });
			assertThat(client.readFrame()).containsExactly(1, 42);
			client.writeFrame(new byte[] { 2, 5 });
			assertThat(client.readFrame()).containsExactly(2, 6);
			client.writeFrame(new byte[] { 9 });
			assertThat(client.isClosedByPeer()).isTrue();
		}
	}

	@Test
	void twoMethodsForOneTypeAreRefused() {
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("dup")
				.typeResolver(MessageTypeResolver.firstWord())
				.controller(new LineController())
				.controller(new LineController())
				.unknownTypePolicy(UnknownTypePolicy.IGNORE)
				.build())
			.withMessageContaining("two methods for message type 'LOGIN'");
	}

	@Test
	void typedMethodsWithoutAResolverAreRefused() {
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("untyped").controller(new LineController()).build())
			.withMessageContaining("declare message types")
			.withMessageContaining("no MessageTypeResolver");
	}

	@Test
	void anUntypedMessageMethodNextToTypedOnesIsRefused() {
		Object controller = new Object() {

			@OnMessage("a")
			void a() {
			}

			@OnMessage
			void everything() {
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("mixed")
				.typeResolver(MessageTypeResolver.firstWord())
				.unknownTypePolicy(UnknownTypePolicy.IGNORE)
				.controller(controller)
				.build())
			.withMessageContaining("mark it @Fallback");
	}

	@Test
	void aReturnTypeTheCodecCannotSendIsRefused() {
		Object controller = new Object() {

			@OnMessage
			Integer count(String line) {
				return line.length();
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("lines")
				.messageType(String.class)
				.replyType(String.class)
				.controller(controller)
				.build())
			.withMessageContaining("returns Integer, which the server's codec cannot send");
	}

	@Test
	void aPayloadTheCodecCannotBindIsRefused() {
		Object controller = new Object() {

			@OnMessage
			void greet(Greet greet) {
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("lines").messageType(String.class).controller(controller)
				.build())
			.withMessageContaining("takes a payload of type Greet but the server's messages are String");
	}

	@Test
	void numericTypesMustBeNumbers() {
		Object controller = new Object() {

			@OnMessage("login")
			void login() {
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("binary")
				.typeResolver(MessageTypeResolver.binaryId(0, 1))
				.controller(controller)
				.build())
			.withMessageContaining("declares message type 'login', but the server's types are numbers");
	}

	@Test
	void repliesLeaveInTheOrderOfTheirMessagesWhateverOrderTheirStagesCompleteIn() throws Exception {
		JsonCodec codec = JsonCodec.builder(JsonMapper.builder().build()).build();
		OrderController controller = new OrderController();
		ControllerHandler handler = ControllerHandler.builder("ordered").codec(codec).controller(controller).build();
		try (TestClient client = new TestClient(start(codec, handler))) {
			client.write(("{\"type\":\"slow\",\"n\":1}\n{\"type\":\"now\",\"n\":2}\n"
					+ "{\"type\":\"slow\",\"n\":3}\n{\"type\":\"now\",\"n\":4}\n").getBytes(StandardCharsets.UTF_8));
			await().until(() -> controller.pending.size() == 2);
			// The second stage completes first, and the replies to 2 and 4 are ready long before either.
			controller.pending.get(1).complete(new Numbered(3));
			controller.pending.get(0).complete(new Numbered(1));
			assertThat(client.readLine()).isEqualTo("{\"n\":1}");
			assertThat(client.readLine()).isEqualTo("{\"n\":2}");
			assertThat(client.readLine()).isEqualTo("{\"n\":3}");
			assertThat(client.readLine()).isEqualTo("{\"n\":4}");
			client.writeLine("{\"type\":\"now\",\"n\":5}");
			assertThat(client.readLine()).isEqualTo("{\"n\":5}");
		}
	}

	private int start(Codec<?> codec, SocketHandler<?> handler) {
		this.server = new NettySocketServer(SocketServerConfig.builder("controllers")
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.codec(codec)
			.handler(handler)
			.build(), eventLoops);
		this.server.start();
		return this.server.port();
	}

	record Greet(String name) {
	}

	record Reply(String type, String text) {
	}

	static class JsonController {

		@OnMessage("greet")
		Reply greet(Greet greet) {
			return new Reply("greeting", "Hello, " + greet.name());
		}

		@OnMessage(type = "later")
		CompletionStage<Reply> later(@MessageType String type) {
			return CompletableFuture.supplyAsync(() -> new Reply("done", type));
		}

	}

	record Numbered(int n) {
	}

	static class OrderController {

		final List<CompletableFuture<Numbered>> pending = new CopyOnWriteArrayList<>();

		@OnMessage("slow")
		CompletionStage<Numbered> slow() {
			CompletableFuture<Numbered> reply = new CompletableFuture<>();
			this.pending.add(reply);
			return reply;
		}

		@OnMessage("now")
		Numbered now(Numbered numbered) {
			return numbered;
		}

	}

	static class LineController {

		@OnOpen
		String greet() {
			return "HELLO";
		}

		@OnMessage("LOGIN")
		String login(Connection connection, String line) {
			String name = line.substring("LOGIN ".length());
			connection.bindIdentity(name);
			return "OK " + name;
		}

		@OnMessage("WHOAMI")
		String whoami(@Identity String identity) {
			return "YOU ARE " + identity;
		}

		@OnClose
		void closed(CloseReason reason) {
		}

	}

	static class BinaryController {

		@OnMessage("1")
		byte[] echo(byte[] frame) {
			return frame;
		}

		@OnMessage("0x02")
		byte[] increment(byte[] frame, @MessageType int type) {
			return new byte[] { (byte) type, (byte) (frame[1] + 1) };
		}

	}

}
