package dev.socketserver.dispatch;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import dev.socketserver.LineClients;
import dev.socketserver.LineClients.Client;
import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class ExecutionModeTests {

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private SocketServer start(ExecutionMode mode, SocketHandler<String> handler,
			UnaryOperator<SocketServerConfig.Builder> settings) {
		assumeThat(mode != ExecutionMode.VIRTUAL_THREADS || ExecutionMode.virtualThreadsAvailable())
			.as("virtual threads need Java 21+")
			.isTrue();
		SocketServer server = new NettySocketServer(settings.apply(SocketServerConfig.builder("exec-" + mode)
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler(handler)
			.executionMode(mode)).build(), fixture.eventLoops());
		server.start();
		fixture.stopAfterTest(server);
		return server;
	}

	@ParameterizedTest
	@EnumSource(ExecutionMode.class)
	void messagesOfEachConnectionAreHandledOneAtATimeInArrivalOrder(ExecutionMode mode) {
		Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
		Set<String> concurrent = ConcurrentHashMap.newKeySet();
		Set<String> busy = ConcurrentHashMap.newKeySet();
		SocketServer server = start(mode, (connection, line) -> {
			if (!busy.add(connection.id())) {
				concurrent.add(connection.id());
			}
			String[] parts = line.split(" ");
			seen.computeIfAbsent(parts[0], (key) -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(parts[1]));
			connection.offer(line);
			busy.remove(connection.id());
		}, UnaryOperator.identity());
		int connections = 20;
		int messages = 1000;
		try (LineClients clients = new LineClients()) {
			List<Client> all = clients.connect(server.port(), connections);
			for (int c = 0; c < connections; c++) {
				StringBuilder burst = new StringBuilder();
				for (int m = 0; m < messages; m++) {
					burst.append("c").append(c).append(' ').append(m).append('\n');
				}
				all.get(c).channel().writeAndFlush(burst.toString());
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> all.stream().allMatch((client) -> client.received().size() == messages));
			for (int c = 0; c < connections; c++) {
				List<Integer> expected = IntStream.range(0, messages).boxed().toList();
				assertThat(seen.get("c" + c)).as("handled order of c%d", c).isEqualTo(expected);
				int client = c;
				assertThat(all.get(c).received()).as("replies of c%d", c)
					.isEqualTo(expected.stream().map((m) -> "c" + client + " " + m).toList());
			}
		}
		assertThat(concurrent).as("connections handled by two threads at once").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "POOL", "VIRTUAL_THREADS" })
	void aHandlerBlockedForSecondsDoesNotDelayOtherConnections(ExecutionMode mode) throws Exception {
		SocketServer server = start(mode, (connection, line) -> {
			if (line.equals("sleep")) {
				Thread.sleep(2000);
			}
			connection.offer(line);
		}, UnaryOperator.identity());
		try (TestClient sleeper = new TestClient(server.port()); TestClient other = new TestClient(server.port())) {
			sleeper.writeLine("sleep");
			long start = System.nanoTime();
			for (int i = 0; i < 10; i++) {
				other.writeLine("quick " + i);
				assertThat(other.readLine()).isEqualTo("quick " + i);
			}
			// Generous: the point is "not two seconds", not a latency figure.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
			assertThat(sleeper.readLine()).isEqualTo("sleep");
		}
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "POOL", "VIRTUAL_THREADS" })
	void aFullMailboxPausesReadingAndLosesNothing(ExecutionMode mode) {
		SocketServer server = start(mode, (connection, line) -> {
			Thread.sleep(0, 200_000);
			connection.offer(line);
		}, (builder) -> builder.execution((execution) -> execution.withMailboxCapacity(8)));
		int messages = 3000;
		try (LineClients clients = new LineClients()) {
			Client client = clients.connect(server.port(), 1).get(0);
			StringBuilder burst = new StringBuilder();
			for (int m = 0; m < messages; m++) {
				burst.append("m").append(m).append('\n');
			}
			client.channel().writeAndFlush(burst.toString());
			await().atMost(Duration.ofSeconds(60)).until(() -> client.received().size() == messages);
			assertThat(client.received())
				.isEqualTo(IntStream.range(0, messages).mapToObj((m) -> "m" + m).toList());
		}
		assertThat(server.connections().stats().backpressurePauses()).isPositive();
	}

	@ParameterizedTest
	@EnumSource(ExecutionMode.class)
	void handlersRunWhereTheModeSays(ExecutionMode mode) throws Exception {
		List<String> threads = new CopyOnWriteArrayList<>();
		List<Boolean> virtual = new CopyOnWriteArrayList<>();
		SocketServer server = start(mode, new SocketHandler<>() {
			@Override
			public void onOpen(Connection connection) {
				threads.add("open:" + Thread.currentThread().getName());
			}

			@Override
			public void onMessage(Connection connection, String line) throws Exception {
				threads.add(Thread.currentThread().getName());
				virtual.add(ExecutionMode.virtualThreadsAvailable()
						&& (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
				connection.offer(line);
			}
		}, UnaryOperator.identity());
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("where?");
			assertThat(client.readLine()).isEqualTo("where?");
		}
		String expectedPrefix = switch (mode) {
			case EVENT_LOOP -> "socket-worker";
			case POOL, VIRTUAL_THREADS -> "exec-" + mode + "-handler-";
		};
		assertThat(threads.get(1)).startsWith(expectedPrefix);
		assertThat(threads.get(0)).startsWith("open:" + expectedPrefix);
		assertThat(virtual.get(0)).isEqualTo(mode == ExecutionMode.VIRTUAL_THREADS);
	}

	@ParameterizedTest
	@EnumSource(ExecutionMode.class)
	void peerThatHalfClosesGetsEveryReplyFirst(ExecutionMode mode) throws Exception {
		SocketServer server = start(mode, (connection, line) -> {
			Thread.sleep(1);
			connection.offer(line);
		}, UnaryOperator.identity());
		try (TestClient client = new TestClient(server.port())) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < 50; i++) {
				lines.append("h").append(i).append('\n');
			}
			client.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
			client.socket().shutdownOutput();
			for (int i = 0; i < 50; i++) {
				assertThat(client.readLine()).isEqualTo("h" + i);
			}
			assertThat(client.isClosedByPeer()).isTrue();
		}
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsOnAnOldJavaFailAtStartupWithAClearMessage() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new NettySocketServer(SocketServerConfig.builder("old")
				.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.handler((connection, line) -> {
				})
				.executionMode(ExecutionMode.VIRTUAL_THREADS)
				.build(), fixture.eventLoops()))
			.withMessageContaining("VIRTUAL_THREADS needs Java 21 or later");
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "POOL", "VIRTUAL_THREADS" })
	void gracefulShutdownAnswersEveryQueuedMessageFirst(ExecutionMode mode) throws Exception {
		SocketServer server = start(mode, (connection, line) -> {
			Thread.sleep(2);
			connection.offer(line);
		}, UnaryOperator.identity());
		try (LineClients clients = new LineClients()) {
			List<Client> all = clients.connect(server.port(), 20);
			for (Client client : all) {
				StringBuilder burst = new StringBuilder();
				for (int m = 0; m < 100; m++) {
					burst.append("q").append(m).append('\n');
				}
				client.channel().writeAndFlush(burst.toString());
			}
			await().until(() -> server.connections().stats().messagesReceived() >= 200);
			server.shutdownGracefully(Duration.ofSeconds(30)).toCompletableFuture().get(40, TimeUnit.SECONDS);
			long replies = all.stream().mapToLong((client) -> client.received().size()).sum();
			assertThat(replies).isEqualTo(server.connections().stats().messagesReceived());
		}
	}

}
