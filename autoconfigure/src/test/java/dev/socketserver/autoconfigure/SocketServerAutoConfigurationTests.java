package dev.socketserver.autoconfigure;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socketserver.codec.Codec;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.routing.MessageRouter;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.PortInUseException;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.server.SocketServers;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SocketServerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class))
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1");

	@Test
	void createsAndStartsEachServerOfTheProperties() {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.codec=length-field",
					"socket.servers.echo.handler=bytesEcho", "socket.servers.line-echo.port=0",
					"socket.servers.line-echo.handler=lineEcho")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBeanNames(SocketServer.class)
					.containsExactlyInAnyOrder("echoSocketServer", "lineEchoSocketServer");
				SocketServer echo = context.getBean("echoSocketServer", SocketServer.class);
				SocketServer lineEcho = context.getBean("lineEchoSocketServer", SocketServer.class);
				assertThat(echo.isRunning()).isTrue();
				assertThat(echo.port()).isNotEqualTo(lineEcho.port());
				assertThat(frameEcho(echo.port(), "framed")).isEqualTo("framed");
				assertThat(lineEcho(lineEcho.port(), "a line")).isEqualTo("a line");
			});
	}

	@Test
	void serversStopWhenTheContextCloses() {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues("socket.servers.line.port=0", "socket.servers.line.handler=lineEcho")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(server.isRunning()).isTrue();
				context.close();
				assertThat(server.isRunning()).isFalse();
			});
	}

	@Test
	void connectionManagerOfAServerIsInjectableByServerName() {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class, ManagerConsumer.class)
			.withPropertyValues("socket.servers.chat.port=0", "socket.servers.chat.handler=lineEcho",
					"socket.servers.other.port=0", "socket.servers.other.handler=lineEcho")
			.run((context) -> {
				ConnectionManager chat = context.getBean(ManagerConsumer.class).manager;
				assertThat(chat.serverName()).isEqualTo("chat");
				assertThat(context.getBean("chatConnectionManager")).isSameAs(chat);
			});
	}

	@Test
	void routerSendsToIdentitiesAndGroupsOfANamedServer() {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues("socket.servers.chat.port=0", "socket.servers.chat.handler=lineEcho")
			.run((context) -> {
				SocketServers servers = context.getBean(SocketServers.class);
				assertThat(servers.names()).containsExactly("chat");
				MessageRouter router = context.getBean(MessageRouter.class);
				try (Socket socket = connect(servers.get("chat").port())) {
					ConnectionManager chat = servers.get("chat").connections();
					org.awaitility.Awaitility.await().until(() -> chat.count() == 1);
					chat.stream().forEach((connection) -> {
						connection.bindIdentity("alice");
						connection.join("room");
					});
					assertThat(servers.connectionsOf("alice")).hasSize(1);
					assertThat(router.sendToIdentity("chat", "alice", "direct").toCompletableFuture().join()).isOne();
					assertThat(router.sendToGroup("chat", "room", "to room", null).toCompletableFuture().join())
						.isOne();
					assertThat(router.broadcast("chat", "to all").toCompletableFuture().join()).isOne();
					byte[] received = new DataInputStream(socket.getInputStream()).readNBytes(22);
					assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo("direct\nto room\nto all\n");
				}
			});
	}

	@Test
	void singleHandlerBeanNeedsNoName() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0")
			.run((context) -> assertThat(lineEcho(context.getBean(SocketServer.class).port(), "x")).isEqualTo("x"));
	}

	@Test
	void defaultsApplyToEveryServerAndServerSettingsOverrideThem() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.defaults.limits.max-connections=7",
					"socket.defaults.limits.slow-consumer-policy=drop", "socket.servers.a.port=0",
					"socket.servers.b.port=0", "socket.servers.b.limits.max-connections=9")
			.run((context) -> {
				assertThat(context.getBean("aSocketServer", SocketServer.class).config().limits().maxConnections())
					.isEqualTo(7);
				SocketServerConfig b = context.getBean("bSocketServer", SocketServer.class).config();
				assertThat(b.limits().maxConnections()).isEqualTo(9);
				assertThat(b.limits().slowConsumerPolicy()).isEqualTo(SlowConsumerPolicy.DROP);
			});
	}

	@Test
	void propertyDefaultsMatchTheCoreDefaults() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0")
			.run((context) -> {
				SocketServerConfig fromProperties = context.getBean(SocketServer.class).config();
				SocketServerConfig fromBuilder = SocketServerConfig.builder("echo").codec(fromProperties.codec())
					.handler(fromProperties.handler())
					.build();
				assertThat(fromProperties.socketOptions()).isEqualTo(fromBuilder.socketOptions());
				assertThat(fromProperties.limits()).isEqualTo(fromBuilder.limits());
				assertThat(fromProperties.heartbeat()).isEqualTo(fromBuilder.heartbeat());
				assertThat(fromProperties.shutdownGracePeriod()).isEqualTo(fromBuilder.shutdownGracePeriod());
			});
	}

	@Test
	void lineCodecAnswersPingsByDefaultAndHeartbeatPropertiesApply() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.heartbeat.read-idle-timeout=5m",
					"socket.servers.echo.heartbeat.ping-interval=20", "socket.servers.echo.heartbeat.tick=250ms",
					"socket.servers.echo.limits.first-message-timeout=0")
			.run((context) -> {
				SocketServerConfig config = context.getBean(SocketServer.class).config();
				assertThat(config.heartbeat().readIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(config.heartbeat().pingInterval()).isEqualTo(Duration.ofSeconds(20));
				assertThat(config.heartbeat().tick()).isEqualTo(Duration.ofMillis(250));
				assertThat(config.limits().firstMessageTimeout()).isZero();
				assertThat(lineEcho(context.getBean(SocketServer.class).port(), "PING")).isEqualTo("PONG");
			});
	}

	@Test
	void pingAndPongTextsBecomeBinaryHeartbeatsOnABytesCodec() {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.codec=length-field",
					"socket.servers.echo.handler=bytesEcho", "socket.servers.echo.heartbeat.ping=hb?",
					"socket.servers.echo.heartbeat.pong=hb!")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(frameEcho(server.port(), "hb?")).isEqualTo("hb!");
				assertThat(frameEcho(server.port(), "other")).isEqualTo("other");
			});
	}

	@Test
	void heartbeatMessagesBeanNamedInPropertiesIsUsed() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withBean("beats", dev.socketserver.heartbeat.HeartbeatMessages.class,
					() -> dev.socketserver.heartbeat.HeartbeatMessages.strings("hi?", "hi!"))
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.heartbeat.messages=beats")
			.run((context) -> assertThat(lineEcho(context.getBean(SocketServer.class).port(), "hi?")).isEqualTo("hi!"));
	}

	@Test
	void unknownHeartbeatMessagesBeanFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.heartbeat.messages=nope")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socket.servers.echo.heartbeat.messages"));
	}

	@Test
	void handlersRunOnTheEventLoopUnlessVirtualThreadsAreEnabled() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0")
			.run((context) -> assertThat(context.getBean(SocketServer.class).config().executionMode())
				.isEqualTo(ExecutionMode.EVENT_LOOP));
	}

	@Test
	void autoExecutionFollowsSpringBootsVirtualThreadsSwitch() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(SocketServer.class).config().executionMode())
				.isEqualTo(ExecutionMode.virtualThreadsAvailable() ? ExecutionMode.VIRTUAL_THREADS
						: ExecutionMode.EVENT_LOOP));
	}

	@Test
	void poolExecutionServesConnectionsFromAPoolOfTheConfiguredSize() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.execution.mode=pool",
					"socket.servers.echo.execution.pool-size=4", "socket.servers.echo.execution.mailbox-capacity=16")
			.run((context) -> {
				SocketServerConfig config = context.getBean(SocketServer.class).config();
				assertThat(config.executionMode()).isEqualTo(ExecutionMode.POOL);
				assertThat(config.execution().poolSize()).isEqualTo(4);
				assertThat(config.execution().mailboxCapacity()).isEqualTo(16);
				assertThat(lineEcho(context.getBean(SocketServer.class).port(), "pooled")).isEqualTo("pooled");
			});
	}

	@Test
	@org.junit.jupiter.api.condition.EnabledForJreRange(max = org.junit.jupiter.api.condition.JRE.JAVA_20)
	void virtualThreadsOnAnOldJavaFailNamingTheProperty() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.execution.mode=virtual-threads")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socket.servers.echo.execution.mode")
				.hasMessageContaining("Java 21"));
	}

	@Test
	void userCodecBeanReplacesTheBuiltInOfTheSameName() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class, CrLfLineCodecConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.codec=line")
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				assertThat(server.config().codec()).isSameAs(context.getBean("line"));
				try (Socket socket = connect(server.port())) {
					socket.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
					byte[] reply = new DataInputStream(socket.getInputStream()).readNBytes(4);
					assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("hi\r\n");
				}
			});
	}

	@Test
	void customizersSeeThePropertiesAndHaveTheLastWord() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withBean(SocketServerCustomizer.class,
					() -> (builder) -> builder.limits((limits) -> limits.withMaxConnections(3)))
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.limits.max-connections=5")
			.run((context) -> assertThat(context.getBean(SocketServer.class).config().limits().maxConnections())
				.isEqualTo(3));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.enabled=false", "socket.servers.echo.port=0")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServer.class)
				.doesNotHaveBean(EventLoops.class)
				.doesNotHaveBean(SocketServerLifecycle.class));
	}

	@Test
	void disabledServerIsNotCreated() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.on.port=0", "socket.servers.off.port=0",
					"socket.servers.off.enabled=false")
			.run((context) -> assertThat(context).getBeanNames(SocketServer.class).containsExactly("onSocketServer"));
	}

	@Test
	void backsOffWhenTheUserDefinesAServer() {
		this.contextRunner.withUserConfiguration(CustomServerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0")
			.run((context) -> {
				assertThat(context).getBeanNames(SocketServer.class).containsExactly("customServer");
				assertThat(context.getBean(SocketServer.class).isRunning()).isTrue();
			});
	}

	@Test
	void absentWithoutTheCoreOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(NettySocketServer.class))
			.withPropertyValues("socket.servers.echo.port=0")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServerLifecycle.class));
	}

	@Test
	void forcedTransportIsUsed() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.transport=nio", "socket.servers.echo.port=0")
			.run((context) -> assertThat(context.getBean(SocketServer.class).transport()).isEqualTo(Transport.NIO));
	}

	@Test
	void unknownCodecFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.codec=morse")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.echo.codec")
				.hasMessageContaining("Unknown codec"));
	}

	@Test
	void missingHandlerFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("socket.servers.echo.port=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socket.servers.echo.handler")
				.hasMessageContaining("Define a SocketHandler bean"));
	}

	@Test
	void missingPortFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.codec=line")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socket.servers.echo.port"));
	}

	@Test
	void negativeSizeFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.echo.max-frame-length=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("socket.servers.echo")
				.rootCause()
				.hasMessageContaining("'maxFrameLength' must be between 1B and 2GB"));
	}

	@Test
	void portInUseFailsStartupNamingServerAndPort() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.contextRunner.withUserConfiguration(SingleHandlerConfiguration.class)
				.withPropertyValues("socket.servers.echo.port=" + taken.getLocalPort())
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause().isNotNull();
					Throwable failure = context.getStartupFailure();
					while (failure != null && !(failure instanceof PortInUseException)) {
						failure = failure.getCause();
					}
					assertThat(failure).isInstanceOf(PortInUseException.class)
						.hasMessageContaining("'echo'")
						.hasMessageContaining("port " + taken.getLocalPort());
					assertThat(new PortInUseFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
						.contains("socket.servers.echo.port");
				});
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(5000);
		return socket;
	}

	private static String lineEcho(int port, String line) throws IOException {
		try (Socket socket = connect(port)) {
			socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
			byte[] reply = new DataInputStream(socket.getInputStream()).readNBytes(line.length() + 1);
			return new String(reply, 0, reply.length - 1, StandardCharsets.UTF_8);
		}
	}

	private static String frameEcho(int port, String payload) throws IOException {
		try (Socket socket = connect(port)) {
			byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
			OutputStream out = socket.getOutputStream();
			new DataOutputStream(out).writeInt(bytes.length);
			out.write(bytes);
			DataInputStream in = new DataInputStream(socket.getInputStream());
			byte[] reply = new byte[in.readInt()];
			in.readFully(reply);
			return new String(reply, StandardCharsets.UTF_8);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlersConfiguration {

		@Bean
		SocketHandler<byte[]> bytesEcho() {
			return (connection, message) -> connection.offer(message);
		}

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, message) -> connection.offer(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SingleHandlerConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, message) -> connection.offer(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CrLfLineCodecConfiguration {

		@Bean
		Codec<String> line() {
			return MessageCodec.of(new LineFraming(64, LineDelimiter.CRLF),
					PayloadCodec.string(StandardCharsets.UTF_8));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomServerConfiguration {

		@Bean
		NettySocketServer customServer(EventLoops eventLoops) {
			return new NettySocketServer(SocketServerConfig.builder("custom")
				.address(InetAddress.getLoopbackAddress())
				.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.handler((connection, message) -> connection.offer(message))
				.build(), eventLoops);
		}

	}

	static class ManagerConsumer {

		final ConnectionManager manager;

		ManagerConsumer(@Qualifier("chat") ConnectionManager manager) {
			this.manager = manager;
		}

	}


}
