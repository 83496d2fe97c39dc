package dev.socketserver.heartbeat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionLimits;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heartbeat deadlines with injected time: an embedded channel on a mock ticker runs minutes of connection life
 * in milliseconds.
 */
class HeartbeatTests {

	private static final Duration TICK = Duration.ofSeconds(1);

	private static EventLoops eventLoops;

	private final MockTicker ticker = Ticker.newMockTicker();

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private EmbeddedChannel channel;

	private ConnectionManager manager;

	@BeforeAll
	static void createEventLoops() {
		eventLoops = EventLoops.builder().transport(Transport.NIO).workerThreads(1).build();
	}

	@AfterAll
	static void closeEventLoops() {
		eventLoops.close();
	}

	@AfterEach
	void release() {
		if (this.channel != null) {
			this.channel.finishAndReleaseAll();
		}
	}

	private void open(HeartbeatPolicy heartbeat, Duration firstMessage, Duration frame) {
		SocketHandler<String> handler = (connection, line) -> this.handled.add(line);
		SocketServerConfig config = SocketServerConfig.builder("heartbeat")
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler(handler)
			.limits((limits) -> new ConnectionLimits(0, 0, 1 << 20, SlowConsumerPolicy.CLOSE, Duration.ZERO,
					HandlerErrorPolicy.CLOSE, firstMessage, frame))
			.heartbeat((current) -> heartbeat)
			.heartbeatMessages(HeartbeatMessages.strings("PING", "PONG"))
			.build();
		this.manager = new ConnectionManager(config, eventLoops, null);
		this.channel = EmbeddedChannel.builder().ticker(this.ticker).handlers(this.manager.channelInitializer())
				.build();
	}

	private static HeartbeatPolicy policy(Duration idle, Duration ping, int misses, boolean pongRequired,
			boolean deliverPings) {
		return new HeartbeatPolicy(idle, ping, misses, pongRequired, true, deliverPings, TICK);
	}

	/** Advances time in small steps, running due timers, and returns how long it took until the channel closed. */
	private Duration advanceUntilClosed(Duration limit) {
		long step = TimeUnit.MILLISECONDS.toNanos(100);
		for (long elapsed = 0; elapsed <= limit.toNanos(); elapsed += step) {
			if (!this.channel.isOpen()) {
				return Duration.ofNanos(elapsed);
			}
			advance(Duration.ofNanos(step));
		}
		return limit.plus(TICK);
	}

	private void advance(Duration duration) {
		this.ticker.advance(duration.toNanos(), TimeUnit.NANOSECONDS);
		this.channel.runScheduledPendingTasks();
		this.channel.runPendingTasks();
	}

	private void receive(String text) {
		this.channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
	}

	private String sent() {
		ByteBuf buffer = this.channel.readOutbound();
		if (buffer == null) {
			return null;
		}
		try {
			return buffer.toString(StandardCharsets.UTF_8);
		}
		finally {
			buffer.release();
		}
	}

	private long closed(CloseReason reason) {
		return this.manager.stats().closed(reason);
	}

	@Test
	void idleConnectionIsClosedWithinTheTimeoutPlusOneTick() {
		open(policy(Duration.ofSeconds(10), Duration.ZERO, 3, false, false), Duration.ZERO, Duration.ZERO);
		receive("hello\n");
		Duration closedAfter = advanceUntilClosed(Duration.ofSeconds(20));
		assertThat(closedAfter).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(10).plus(TICK));
		assertThat(closed(CloseReason.IDLE_TIMEOUT)).isOne();
		assertThat(this.manager.count()).isZero();
	}

	@Test
	void chattyConnectionIsNeverClosed() {
		open(policy(Duration.ofSeconds(10), Duration.ZERO, 3, false, false), Duration.ofSeconds(5),
				Duration.ofSeconds(5));
		for (int i = 0; i < 600; i++) {
			receive("still here " + i + "\n");
			advance(Duration.ofSeconds(3));
		}
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(this.handled).hasSize(600);
	}

	@Test
	void quietClientAnsweringPingsStaysOpenForManyIntervals() {
		open(policy(Duration.ZERO, Duration.ofSeconds(5), 2, true, false), Duration.ZERO, Duration.ZERO);
		int pings = 0;
		for (int i = 0; i < 500; i++) {
			advance(Duration.ofMillis(500));
			String sent = sent();
			if (sent != null) {
				assertThat(sent).isEqualTo("PING\n");
				pings++;
				receive("PONG\n");
			}
		}
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(pings).isBetween(45, 50);
		assertThat(this.manager.stats().pingsSent()).isEqualTo(pings);
		assertThat(this.manager.stats().pongsReceived()).isEqualTo(pings);
		assertThat(this.handled).as("pongs are not delivered").isEmpty();
	}

	@Test
	void clientThatStopsAnsweringIsClosedAfterTheAllowedMisses() {
		open(policy(Duration.ZERO, Duration.ofSeconds(5), 3, true, false), Duration.ZERO, Duration.ZERO);
		receive("data does not answer a ping when a pong is required\n");
		Duration closedAfter = advanceUntilClosed(Duration.ofSeconds(60));
		// Pings at 5, 10 and 15 seconds go unanswered; the fourth interval ends the connection.
		assertThat(closedAfter).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(20).plus(TICK));
		assertThat(closed(CloseReason.HEARTBEAT_TIMEOUT)).isOne();
		assertThat(this.manager.stats().pingsSent()).isEqualTo(3);
	}

	@Test
	void anyDataAnswersAPingUnlessAPongIsRequired() {
		open(policy(Duration.ZERO, Duration.ofSeconds(5), 1, false, false), Duration.ZERO, Duration.ZERO);
		for (int i = 0; i < 100; i++) {
			receive("chatter\n");
			advance(Duration.ofSeconds(4));
		}
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(this.manager.stats().pingsSent()).isZero();
	}

	@Test
	void clientPingsAreAnsweredAndNotDelivered() {
		open(policy(Duration.ofSeconds(60), Duration.ZERO, 3, false, false), Duration.ZERO, Duration.ZERO);
		receive("PING\nhello\n");
		assertThat(sent()).isEqualTo("PONG\n");
		assertThat(this.handled).containsExactly("hello");
		assertThat(this.manager.stats().pingsAnswered()).isOne();
	}

	@Test
	void clientPingsReachTheHandlerWhenAskedFor() {
		open(policy(Duration.ofSeconds(60), Duration.ZERO, 3, false, true), Duration.ZERO, Duration.ZERO);
		receive("PING\n");
		assertThat(sent()).isEqualTo("PONG\n");
		assertThat(this.handled).containsExactly("PING");
	}

	@Test
	void connectionThatSendsNothingIsClosedAtTheFirstMessageDeadline() {
		open(policy(Duration.ofSeconds(60), Duration.ZERO, 3, false, false), Duration.ofSeconds(10), Duration.ZERO);
		Duration closedAfter = advanceUntilClosed(Duration.ofSeconds(30));
		assertThat(closedAfter).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(10).plus(TICK));
		assertThat(closed(CloseReason.FIRST_MESSAGE_TIMEOUT)).isOne();
	}

	@Test
	void aSingleByteMeetsTheFirstMessageDeadline() {
		open(policy(Duration.ofSeconds(60), Duration.ZERO, 3, false, false), Duration.ofSeconds(10), Duration.ZERO);
		receive("h");
		advance(Duration.ofSeconds(30));
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void tricklingClientIsClosedByTheFrameDeadline() {
		open(policy(Duration.ofSeconds(10), Duration.ZERO, 3, false, false), Duration.ofSeconds(10),
				Duration.ofSeconds(30));
		for (int i = 0; i < 100 && this.channel.isOpen(); i++) {
			receive("x");
			advance(Duration.ofSeconds(5));
		}
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(closed(CloseReason.FRAME_TIMEOUT)).isOne();
		assertThat(closed(CloseReason.IDLE_TIMEOUT)).isZero();
	}

	@Test
	void completeFramesRestartTheFrameDeadline() {
		open(policy(Duration.ofSeconds(10), Duration.ZERO, 3, false, false), Duration.ZERO, Duration.ofSeconds(8));
		for (int i = 0; i < 50; i++) {
			receive("line " + i + "\npart");
			advance(Duration.ofSeconds(5));
		}
		assertThat(this.channel.isOpen()).isTrue();
	}

	/**
	 * The same deadlines over a real socket in real time, with a short timeout and tick.
	 */
	@Test
	void idleSocketIsClosedOverARealConnection() throws Exception {
		SocketServer server = new NettySocketServer(SocketServerConfig.builder("idle")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, line) -> connection.offer(line))
			.heartbeat((heartbeat) -> heartbeat.withReadIdleTimeout(Duration.ofMillis(300)))
			.heartbeat((heartbeat) -> heartbeat.withTick(Duration.ofMillis(50)))
			.build(), eventLoops);
		server.start();
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("hi");
			assertThat(client.readLine()).isEqualTo("hi");
			long start = System.nanoTime();
			assertThat(client.isClosedByPeer()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			await().until(() -> server.connections().stats().closed(CloseReason.IDLE_TIMEOUT) == 1);
		}
		finally {
			server.stop();
		}
	}

}
