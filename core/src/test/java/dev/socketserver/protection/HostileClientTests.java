package dev.socketserver.protection;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What hostile or broken clients can do to a server, over real sockets: each scenario is bounded in count and
 * time, and a well-behaved client keeps being served throughout.
 */
class HostileClientTests {

	private static final org.slf4j.Logger figures = LoggerFactory.getLogger(HostileClientTests.class);

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private SocketServer echo(UnaryOperator<SocketServerConfig.Builder> settings) {
		SocketServer server = new NettySocketServer(settings.apply(SocketServerConfig.builder("hostile")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes()))
			.handler((connection, frame) -> connection.offer(frame))).build(), fixture.eventLoops());
		server.start();
		fixture.stopAfterTest(server);
		return server;
	}

	private static Duration echoTime(TestClient client) throws IOException {
		long start = System.nanoTime();
		client.writeFrame("still there?".getBytes(StandardCharsets.US_ASCII));
		assertThat(client.readFrame()).asString().isEqualTo("still there?");
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Test
	void floodBeyondTheConnectionLimitIsRefusedWhileAGoodClientIsServed() throws Exception {
		SocketServer server = echo((builder) -> builder.limits((limits) -> limits.withMaxConnections(200)));
		ConnectionStats stats = server.connections().stats();
		long heapBefore = usedHeapAfterGc();
		try (TestClient good = new TestClient(server.port())) {
			echoTime(good);
			ExecutorService flood = Executors.newFixedThreadPool(4);
			List<Socket> held = Collections.synchronizedList(new ArrayList<>());
			try {
				List<Future<?>> attackers = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					attackers.add(flood.submit(() -> {
						for (int i = 0; i < 300; i++) {
							Socket socket = new Socket();
							socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
							held.add(socket);
						}
						return null;
					}));
				}
				Duration worst = Duration.ZERO;
				while (!attackers.stream().allMatch(Future::isDone)) {
					Duration rtt = echoTime(good);
					worst = (rtt.compareTo(worst) > 0) ? rtt : worst;
				}
				for (Future<?> attacker : attackers) {
					attacker.get(30, TimeUnit.SECONDS);
				}
				await().untilAsserted(() -> assertThat(stats.rejected(CloseReason.CONNECTION_LIMIT)).isEqualTo(1001));
				assertThat(server.connections().count()).isEqualTo(200);
				long heapGrowth = usedHeapAfterGc() - heapBefore;
				figures.info("Flood: 1,200 connections against a limit of 200, {} refused; worst echo of the good "
						+ "client during the flood {} ms; heap growth after GC {} KB",
						stats.rejected(CloseReason.CONNECTION_LIMIT),
						worst.toMillis(), heapGrowth / 1024);
				assertThat(worst).isLessThan(Duration.ofSeconds(1));
				assertThat(echoTime(good)).isLessThan(Duration.ofSeconds(1));
				assertThat(heapGrowth).isLessThan(64L * 1024 * 1024);
			}
			finally {
				flood.shutdownNow();
				for (Socket socket : held) {
					socket.close();
				}
			}
		}
	}

	@Test
	void slowlorisConnectionsAreClosedWithinTheirDeadlines() throws Exception {
		SocketServer server = echo((builder) -> builder
			.limits((limits) -> limits.withFirstMessageTimeout(Duration.ofSeconds(1)))
			.limits((limits) -> limits.withFrameTimeout(Duration.ofSeconds(1)))
			.heartbeat((heartbeat) -> heartbeat.withReadIdleTimeout(Duration.ofSeconds(60)))
			.heartbeat((heartbeat) -> heartbeat.withTick(Duration.ofMillis(100))));
		ConnectionStats stats = server.connections().stats();
		List<Socket> stalled = new ArrayList<>();
		try (TestClient good = new TestClient(server.port())) {
			echoTime(good);
			for (int i = 0; i < 2000; i++) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
				if (i % 2 == 0) {
					// Half a frame header, then nothing.
					socket.getOutputStream().write(new byte[] { 0, 0 });
				}
				stalled.add(socket);
			}
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> stats.closed(CloseReason.FIRST_MESSAGE_TIMEOUT) + stats.closed(CloseReason.FRAME_TIMEOUT)
						+ stats.closed(CloseReason.IDLE_TIMEOUT) >= 2000);
			assertThat(stats.closed(CloseReason.FIRST_MESSAGE_TIMEOUT)).isEqualTo(1000);
			assertThat(stats.closed(CloseReason.FRAME_TIMEOUT)).isEqualTo(1000);
			Duration allClosed = Duration.ofNanos(System.nanoTime() - start);
			figures.info("Slowloris: 2,000 stalled connections (1 s deadlines, 100 ms tick) all closed {} ms after the "
					+ "last one opened", allClosed.toMillis());
			assertThat(allClosed).isLessThan(Duration.ofSeconds(10));
			// The good client talked early enough, and still can.
			assertThat(echoTime(good)).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	@Test
	void tricklingClientIsClosedByTheFrameDeadlineNotKeptAliveByTheIdleTimeout() throws Exception {
		SocketServer server = echo((builder) -> builder
			.heartbeat((heartbeat) -> heartbeat.withReadIdleTimeout(Duration.ofSeconds(1)))
			.limits((limits) -> limits.withFrameTimeout(Duration.ofSeconds(2)))
			.heartbeat((heartbeat) -> heartbeat.withTick(Duration.ofMillis(50))));
		try (Socket trickler = new Socket("127.0.0.1", server.port())) {
			trickler.setSoTimeout(100);
			byte[] frame = TestClient.frame(new byte[100]);
			long start = System.nanoTime();
			int sent = 0;
			// One byte every half idle period: never idle, never done.
			while (sent < frame.length && server.connections().stats().closed(CloseReason.FRAME_TIMEOUT) == 0
					&& System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
				try {
					trickler.getOutputStream().write(frame[sent++]);
				}
				catch (IOException ex) {
					break;
				}
				Thread.sleep(500);
			}
			assertThat(server.connections().stats().closed(CloseReason.FRAME_TIMEOUT)).isOne();
			assertThat(server.connections().stats().closed(CloseReason.IDLE_TIMEOUT)).isZero();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void oversizedLengthFieldsCloseTheConnectionWithoutAllocating() throws Exception {
		SocketServer server = echo(UnaryOperator.identity());
		long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
		try (TestClient good = new TestClient(server.port())) {
			for (byte[] header : new byte[][] { { 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff },
					{ (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff } }) {
				try (TestClient bad = new TestClient(server.port())) {
					bad.write(header);
					bad.write(new byte[1000]);
					assertThat(bad.isClosedByPeer()).isTrue();
				}
			}
			assertThat(echoTime(good)).isLessThan(Duration.ofSeconds(1));
		}
		await().untilAsserted(
				() -> assertThat(server.connections().stats().closed(CloseReason.FRAME_TOO_LARGE)).isEqualTo(2));
		assertThat(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - directBefore)
			.isLessThan(4L * 1024 * 1024);
	}

	@Test
	void garbageClosesOnlyTheMalformedConnections() throws Exception {
		SocketServer frames = echo(UnaryOperator.identity());
		SocketServer lines = new NettySocketServer(SocketServerConfig.builder("lines")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, line) -> connection.offer(line))
			.build(), fixture.eventLoops());
		lines.start();
		fixture.stopAfterTest(lines);
		Random random = new Random(42);
		try (TestClient good = new TestClient(frames.port())) {
			for (int i = 0; i < 20; i++) {
				byte[] garbage = new byte[4096];
				random.nextBytes(garbage);
				try (Socket socket = new Socket("127.0.0.1", (i % 2 == 0) ? frames.port() : lines.port())) {
					socket.setSoLinger(true, 0);
					socket.getOutputStream().write(garbage);
				}
				catch (IOException ex) {
					// closed by the server while we were still writing: that is the point
				}
				assertThat(echoTime(good)).isLessThan(Duration.ofSeconds(1));
			}
			try (TestClient utf8 = new TestClient(lines.port())) {
				utf8.write(new byte[] { 'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, '\n' });
				assertThat(utf8.readLine()).isEqualTo("ok");
				assertThat(utf8.isClosedByPeer()).isTrue();
			}
			try (TestClient empty = new TestClient(frames.port())) {
				empty.write(new byte[] { 0, 0, 0, 0 });
				assertThat(empty.readFrame()).isEmpty();
			}
			try (TestClient trickle = new TestClient(frames.port())) {
				for (byte b : TestClient.frame("one byte at a time".getBytes(StandardCharsets.US_ASCII))) {
					trickle.write(new byte[] { b });
				}
				assertThat(trickle.readFrame()).asString().isEqualTo("one byte at a time");
			}
			assertThat(echoTime(good)).isLessThan(Duration.ofSeconds(1));
		}
		await().untilAsserted(() -> assertThat(lines.connections().stats().closed(CloseReason.DECODE_ERROR)
				+ lines.connections().stats().closed(CloseReason.FRAME_TOO_LARGE)).isGreaterThanOrEqualTo(1));
		assertThat(frames.connections().stats().handlerErrors()).isZero();
	}

	@Test
	void clientThatSendsButNeverReadsCannotGrowServerMemory() throws Exception {
		SocketServer server = echo((builder) -> builder
			.limits((limits) -> limits.withUnwritableTimeout(Duration.ofSeconds(1)))
			.heartbeat((heartbeat) -> heartbeat.withTick(Duration.ofMillis(100)))
			.socketOptions((options) -> options.withSendBufferSize(32 * 1024)));
		byte[] frame = TestClient.frame(new byte[1024]);
		try (SocketChannel flooder = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
				TestClient good = new TestClient(server.port())) {
			flooder.socket().setReceiveBufferSize(16 * 1024);
			flooder.configureBlocking(false);
			long written = 0;
			long maxPending = 0;
			long start = System.nanoTime();
			while (flooder.isOpen() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)
					&& server.connections().stats().closed(CloseReason.SLOW_CONSUMER) == 0) {
				try {
					written += flooder.write(ByteBuffer.wrap(frame));
				}
				catch (IOException ex) {
					break;
				}
				maxPending = Math.max(maxPending, server.connections().stats().pendingOutboundBytes());
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> server.connections().stats().closed(CloseReason.SLOW_CONSUMER) == 1);
			// Reads pause once replies back up: what the server holds stays near the water mark, not what was sent.
			figures.info("Slow reader: sent {} KB without reading; server held at most {} KB for it before closing it",
					written / 1024, maxPending / 1024);
			assertThat(maxPending).isLessThan(1024 * 1024 + 64 * 1024);
			assertThat(written).isGreaterThan(maxPending);
			assertThat(echoTime(good)).isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void handlerExceptionsAreLoggedOnceCountedAndHandledByThePolicy() throws Exception {
		Logger log = (Logger) LoggerFactory.getLogger("dev.socketserver.connection.Dispatcher");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		log.addAppender(appender);
		try {
			for (HandlerErrorPolicy policy : HandlerErrorPolicy.values()) {
				SocketServer server = new NettySocketServer(SocketServerConfig.builder("failing-" + policy)
					.address(InetAddress.getLoopbackAddress())
					.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
							PayloadCodec.string(StandardCharsets.UTF_8)))
					.handler((connection, line) -> {
						if (line.equals("boom")) {
							throw new IllegalStateException("boom from " + connection.id());
						}
						connection.offer(line);
					})
					.limits((limits) -> limits.withHandlerErrorPolicy(policy))
					.build(), fixture.eventLoops());
				server.start();
				fixture.stopAfterTest(server);
				try (TestClient client = new TestClient(server.port());
						TestClient other = new TestClient(server.port())) {
					client.writeLine("boom");
					client.writeLine("after");
					if (policy == HandlerErrorPolicy.KEEP) {
						assertThat(client.readLine()).isEqualTo("after");
					}
					else {
						assertThat(client.isClosedByPeer()).isTrue();
						await().until(() -> server.connections().stats().closed(CloseReason.HANDLER_ERROR) == 1);
					}
					other.writeLine("unaffected");
					assertThat(other.readLine()).isEqualTo("unaffected");
				}
				assertThat(server.connections().stats().handlerErrors()).isOne();
			}
			List<ILoggingEvent> failures = appender.list.stream()
				.filter((event) -> event.getFormattedMessage().contains("failed on connection"))
				.toList();
			assertThat(failures).hasSize(2);
			assertThat(failures).allSatisfy((event) -> assertThat(event.getThrowableProxy().getMessage())
				.contains(event.getFormattedMessage().substring(event.getFormattedMessage().lastIndexOf(' ') + 1)));
		}
		finally {
			log.detachAppender(appender);
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
