package dev.socketserver.autoconfigure;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionAttribute;
import dev.socketserver.handler.annotation.Attribute;
import dev.socketserver.handler.annotation.Fallback;
import dev.socketserver.handler.annotation.Identity;
import dev.socketserver.handler.annotation.MessageType;
import dev.socketserver.handler.annotation.OnClose;
import dev.socketserver.handler.annotation.OnError;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.OnOpen;
import dev.socketserver.handler.annotation.Payload;
import dev.socketserver.handler.annotation.ServerName;
import dev.socketserver.server.SocketServer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Annotated controllers over real sockets in a real context: routing by JSON type, line command word and binary
 * id, argument resolution, CompletionStage replies, validation and unknown types.
 */
class SocketControllerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class, JacksonAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1");

	private final ApplicationContextRunner devices = this.contextRunner.withUserConfiguration(DeviceController.class)
		.withPropertyValues("socket.servers.devices.port=0", "socket.servers.devices.codec=json");

	@Test
	void jsonMessagesAreRoutedByTheirTypeField() {
		this.devices.run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				assertThat(client.exchange("{\"type\":\"hello\",\"deviceId\":\"d1\",\"room\":\"lab\"}"))
					.isEqualTo("{\"type\":\"welcome\",\"deviceId\":\"d1\"}");
				assertThat(client.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
			}
		});
	}

	@Test
	void theTypeFieldIsConfigurableAndJsonMayBeLengthPrefixed() {
		this.devices.withPropertyValues("socket.servers.devices.json.type-field=kind",
				"socket.servers.devices.json.framing=length-field").run((context) -> {
					try (Socket socket = connect(port(context, "devices"))) {
						writeFrame(socket, "{\"kind\":\"ping\"}".getBytes());
						assertThat(new String(readFrame(socket))).isEqualTo("{\"type\":\"pong\"}");
						writeFrame(socket, "{\"type\":\"ping\"}".getBytes());
						assertThat(new String(readFrame(socket)))
							.isEqualTo("{\"kind\":\"error\",\"error\":\"missing kind\"}");
					}
				});
	}

	@Test
	void payloadsAreBoundAndRepliesWrittenWithTheApplicationsJsonMapper() {
		this.devices.withUserConfiguration(SnakeCaseMapperConfiguration.class).run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				assertThat(client.exchange("{\"type\":\"hello\",\"device_id\":\"d2\"}"))
					.isEqualTo("{\"type\":\"welcome\",\"device_id\":\"d2\"}");
			}
		});
	}

	@Test
	void argumentsAreResolvedByTypeAndAnnotation() {
		this.devices.run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				client.exchange("{\"type\":\"hello\",\"deviceId\":\"d1\",\"room\":\"lab\"}");
				assertThat(client.exchange("{\"type\":\"whoami\",\"extra\":[1,2]}")).isEqualTo("{\"identity\":\"d1\","
						+ "\"room\":\"lab\",\"server\":\"devices\",\"type\":\"whoami\",\"fields\":2,\"open\":true,"
						+ "\"raw\":\"{\\\"type\\\":\\\"whoami\\\",\\\"extra\\\":[1,2]}\"}");
			}
		});
	}

	@Test
	void aCompletionStageIsSentWhenItCompletes() {
		this.devices.run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				assertThat(client.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"seq\":7}"))
					.isEqualTo("{\"type\":\"ack\",\"seq\":7}");
			}
		});
	}

	@Test
	void aFailedCompletionStageGoesThroughTheErrorMethodAndTheErrorPolicy() {
		this.devices.run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				assertThat(client.exchange("{\"type\":\"fail-later\"}"))
					.isEqualTo("{\"type\":\"failed\",\"error\":\"later\"}");
				assertThat(client.isClosedByServer()).isTrue();
			}
		});
	}

	@Test
	void withTheKeepPolicyAThrownErrorIsAnsweredByTheClosestErrorMethodAndTheConnectionStaysOpen() {
		this.devices.withPropertyValues("socket.servers.devices.limits.handler-error-policy=keep").run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				assertThat(client.exchange("{\"type\":\"fail\"}")).isEqualTo("{\"type\":\"failed\",\"error\":\"now\"}");
				assertThat(client.exchange("{\"type\":\"fail-later\"}"))
					.isEqualTo("{\"type\":\"failed\",\"error\":\"later\"}");
				assertThat(client.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
			}
		});
	}

	@Test
	void anInvalidPayloadIsAnsweredWithItsViolationsAndTheConnectionStaysOpen() {
		this.devices.run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				assertThat(client.exchange("{\"type\":\"telemetry\",\"sensor\":\" \",\"seq\":-1}"))
					.isEqualTo("{\"type\":\"error\",\"error\":\"validation failed\",\"violations\":["
							+ "{\"field\":\"sensor\",\"message\":\"must not be blank\"},"
							+ "{\"field\":\"seq\",\"message\":\"must be greater than or equal to 0\"}]}");
				assertThat(client.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"seq\":\"seven\"}"))
					.isEqualTo("{\"type\":\"error\",\"error\":\"invalid payload\",\"violations\":["
							+ "{\"field\":\"seq\",\"message\":\"invalid value\"}]}");
				assertThat(client.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
			}
		});
	}

	@Test
	void anUnknownTypeIsAnsweredWithAnErrorByDefault() {
		this.devices.run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				assertThat(client.exchange("{\"type\":\"dance\"}"))
					.isEqualTo("{\"type\":\"error\",\"error\":\"unknown type dance\"}");
				assertThat(client.exchange("[1,2]")).isEqualTo("{\"type\":\"error\",\"error\":\"missing type\"}");
			}
		});
	}

	@Test
	void anUnknownTypeCanBeIgnored() {
		this.devices.withPropertyValues("socket.servers.devices.controller.unknown-type=ignore").run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				client.send("{\"type\":\"dance\"}");
				assertThat(client.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
			}
		});
	}

	@Test
	void anUnknownTypeCanCloseTheConnection() {
		this.devices.withPropertyValues("socket.servers.devices.controller.unknown-type=close").run((context) -> {
			try (LineClient client = connect(context, "devices")) {
				client.send("{\"type\":\"dance\"}");
				assertThat(client.isClosedByServer()).isTrue();
			}
			DeviceController controller = context.getBean(DeviceController.class);
			await().until(() -> controller.closes.contains(CloseReason.CLOSED_BY_APPLICATION));
		});
	}

	@Test
	void aFallbackMethodReceivesUnknownTypes() {
		this.contextRunner.withUserConfiguration(CommandController.class)
			.withPropertyValues("socket.servers.commands.port=0")
			.run((context) -> {
				try (LineClient client = connect(context, "commands")) {
					assertThat(client.read()).isEqualTo("READY");
					assertThat(client.exchange("ECHO hello world")).isEqualTo("hello world");
					assertThat(client.exchange("SHOUT hi")).isEqualTo("unknown SHOUT");
				}
			});
	}

	@Test
	void lineCommandsAreRoutedByTheirFirstWordAndUnknownOnesAnsweredWithAnErrorLine() {
		this.contextRunner.withUserConfiguration(LineCommandController.class)
			.withPropertyValues("socket.servers.commands.port=0")
			.run((context) -> {
				try (LineClient client = connect(context, "commands")) {
					assertThat(client.exchange("ECHO hello")).isEqualTo("hello");
					assertThat(client.exchange("TIME")).isEqualTo("NOON");
					assertThat(client.exchange("SHOUT hi")).isEqualTo("ERR unknown command SHOUT");
				}
			});
	}

	@Test
	void binaryMessagesAreRoutedByTheIdOfAUserResolver() {
		this.contextRunner.withUserConfiguration(BinaryController.class, IdResolverConfiguration.class)
			.withPropertyValues("socket.servers.binary.port=0", "socket.servers.binary.codec=length-field",
					"socket.servers.binary.controller.type-resolver=idResolver")
			.run((context) -> {
				try (Socket socket = connect(port(context, "binary"))) {
					writeFrame(socket, new byte[] { 0, 1, 'h', 'i' });
					assertThat(readFrame(socket)).containsExactly(0, 1, 'h', 'i');
					writeFrame(socket, new byte[] { 0, 2, 5 });
					assertThat(readFrame(socket)).containsExactly(0, 2, 6);
					writeFrame(socket, new byte[] { 1, 0 });
					assertThat(isClosed(socket)).isTrue();
				}
			});
	}

	@Test
	void openAndCloseMethodsSeeTheConnectionsLifecycle() {
		this.devices.run((context) -> {
			DeviceController controller = context.getBean(DeviceController.class);
			try (LineClient client = connect(context, "devices")) {
				client.exchange("{\"type\":\"ping\"}");
				assertThat(controller.opened).hasSize(1);
			}
			await().until(() -> controller.closes.contains(CloseReason.PEER_CLOSED));
		});
	}

	static LineClient connect(ApplicationContext context, String server) throws IOException {
		return LineClient.connect(port(context, server));
	}

	static int port(ApplicationContext context, String server) {
		return context.getBean(SocketServerBeanRegistrar.beanName(server, "SocketServer"), SocketServer.class).port();
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(5000);
		return socket;
	}

	private static void writeFrame(Socket socket, byte[] payload) throws IOException {
		DataOutputStream out = new DataOutputStream(socket.getOutputStream());
		out.writeInt(payload.length);
		out.write(payload);
		out.flush();
	}

	private static byte[] readFrame(Socket socket) throws IOException {
		DataInputStream in = new DataInputStream(socket.getInputStream());
		byte[] payload = new byte[in.readInt()];
		in.readFully(payload);
		return payload;
	}

	private static boolean isClosed(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			return in.read() == -1;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	record Hello(String deviceId, String room) {
	}

	record Welcome(String type, String deviceId) {
	}

	record Telemetry(@NotBlank String sensor, @NotNull @Min(0) Integer seq) {
	}

	record Ack(String type, int seq) {
	}

	record Failure(String type, String error) {
	}

	record Who(String identity, String room, String server, String type, int fields, boolean open, String raw) {
	}

	@SocketController("devices")
	static class DeviceController {

		static final ConnectionAttribute<String> ROOM = ConnectionAttribute.named("room");

		final List<String> opened = new CopyOnWriteArrayList<>();

		final List<CloseReason> closes = new CopyOnWriteArrayList<>();

		@OnOpen
		void opened(Connection connection) {
			this.opened.add(connection.id());
		}

		@OnMessage("hello")
		Welcome hello(Connection connection, Hello hello) {
			connection.bindIdentity(hello.deviceId());
			connection.setAttribute(ROOM, hello.room());
			return new Welcome("welcome", hello.deviceId());
		}

		@OnMessage("ping")
		JsonNode ping(JsonNode ping) {
			return JsonMapper.shared().createObjectNode().put("type", "pong");
		}

		@OnMessage("whoami")
		Who whoami(@Identity String identity, @Attribute("room") String room, @ServerName String server,
				@MessageType String type, JsonNode message, Connection connection, @Payload String raw) {
			return new Who(identity, room, server, type, message.size(), connection.isOpen(), raw);
		}

		@OnMessage("telemetry")
		CompletionStage<Ack> telemetry(@Valid Telemetry telemetry) {
			return CompletableFuture.supplyAsync(() -> new Ack("ack", telemetry.seq()));
		}

		@OnMessage("fail")
		void fail() {
			throw new IllegalArgumentException("now");
		}

		@OnMessage("fail-later")
		CompletionStage<Ack> failLater() {
			return CompletableFuture.supplyAsync(() -> {
				throw new IllegalStateException("later");
			});
		}

		@OnError
		Failure failed(RuntimeException ex) {
			return new Failure("failed", "unexpected " + ex.getMessage());
		}

		@OnError
		Failure failedLater(IllegalStateException ex) {
			return new Failure("failed", ex.getMessage());
		}

		@OnError
		Failure failedNow(IllegalArgumentException ex) {
			return new Failure("failed", ex.getMessage());
		}

		@OnClose
		void closed(CloseReason reason) {
			this.closes.add(reason);
		}

	}

	@SocketController("commands")
	static class CommandController {

		@OnOpen
		String ready() {
			return "READY";
		}

		@OnMessage("ECHO")
		String echo(String line) {
			return line.substring(5);
		}

		@Fallback
		String unknown(@MessageType String command) {
			return "unknown " + command;
		}

	}

	@SocketController("commands")
	static class LineCommandController {

		@OnMessage("ECHO")
		String echo(String line) {
			return line.substring(5);
		}

		@OnMessage(type = { "TIME", "NOW" })
		CompletionStage<String> time() {
			return CompletableFuture.completedFuture("NOON");
		}

	}

	@SocketController("binary")
	static class BinaryController {

		@OnMessage("1")
		byte[] echo(byte[] frame) {
			return frame;
		}

		@OnMessage("0x0002")
		byte[] increment(@MessageType int type, byte[] frame) {
			return new byte[] { 0, (byte) type, (byte) (frame[2] + 1) };
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class IdResolverConfiguration {

		@Bean
		MessageTypeResolver.OfInt<Object> idResolver() {
			return MessageTypeResolver.binaryId(0, 2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SnakeCaseMapperConfiguration {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		}

	}

}
