package dev.socketserver.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The io_uring transport forced, as AUTO never picks it while epoll is there. Skipped where io_uring is not
 * available (no native library, an old kernel, or io_uring switched off by {@code kernel.io_uring_disabled}).
 */
class IoUringTransportTests {

	private static final Logger logger = LoggerFactory.getLogger(IoUringTransportTests.class);

	private static final MessageCodec<String> LINES = MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
			PayloadCodec.string(StandardCharsets.UTF_8));

	private EventLoops loops;

	private SocketServer server;

	@BeforeEach
	void requireIoUring() {
		Throwable cause = Transport.IO_URING.unavailabilityCause();
		assumeTrue(cause == null, () -> "io_uring is not available: " + cause);
		this.loops = EventLoops.builder().transport(Transport.IO_URING).workerThreads(2).build();
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
		if (this.loops != null) {
			this.loops.close();
		}
	}

	@Test
	void forcedIoUringEchoesOverARealSocket() throws Exception {
		this.server = start(SocketServerConfig.builder("uring").address(InetAddress.getLoopbackAddress())
			.codec(LINES)
			.handler((connection, message) -> connection.offer("echo " + message)));
		assertThat(this.server.transport()).isEqualTo(Transport.IO_URING);
		try (TestClient client = new TestClient(this.server.port())) {
			client.writeLine("over io_uring");
			assertThat(client.readLine()).isEqualTo("echo over io_uring");
			assertThat(this.server.connections().stream().findFirst().orElseThrow().transport())
				.isEqualTo(Transport.IO_URING);
		}
		await().until(() -> this.server.connections().count() == 0);
	}

	@Test
	void connectionsResetRightAfterConnectingAreAllGoneByTheFirstMessageDeadline() throws Exception {
		assertEveryResetConnectionIsReaped(new byte[0]);
	}

	@Test
	void connectionsResetInTheMiddleOfAFrameAreAllGoneByTheFrameDeadline() throws Exception {
		assertEveryResetConnectionIsReaped("half a line".getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Connects many times, sends some bytes, and resets (SO_LINGER 0), then expects every connection gone: at once
	 * when the transport notices the reset, else by the first-message or the frame deadline.
	 */
	private void assertEveryResetConnectionIsReaped(byte[] sent) throws Exception {
		// Netty 4.2.18's io_uring transport misses some resets (see Transport.AUTO): the deadlines are what must
		// reap those, so they are short here and the wait covers them with room to spare.
		Duration timeout = Duration.ofSeconds(1);
		Map<CloseReason, LongAdder> reasons = new ConcurrentHashMap<>();
		this.server = start(SocketServerConfig.builder("uring-rst").address(InetAddress.getLoopbackAddress())
			.codec(LINES)
			.handler((connection, message) -> connection.offer(message))
			.limits((limits) -> limits.withFirstMessageTimeout(timeout).withFrameTimeout(timeout))
			.listener(new ConnectionListener() {
				@Override
				public void connectionClosed(Connection connection, CloseReason reason) {
					reasons.computeIfAbsent(reason, (key) -> new LongAdder()).increment();
				}
			}));
		ConnectionManager manager = this.server.connections();
		int resets = 500;
		for (int i = 0; i < resets; i++) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()), 5000);
				socket.getOutputStream().write(sent);
				socket.setSoLinger(true, 0);
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> manager.stats().opened() == resets);
		// Listeners hear of a close after the connection left the registry: both must be done.
		await().atMost(timeout.plusSeconds(15)).until(() -> manager.count() == 0 && closed(reasons) == resets);
		assertThat(reasons.keySet()).isSubsetOf(CloseReason.IO_ERROR, CloseReason.PEER_CLOSED,
				CloseReason.FIRST_MESSAGE_TIMEOUT, CloseReason.FRAME_TIMEOUT);
		for (int loop = 0; loop < this.loops.workers().size(); loop++) {
			assertThat(this.loops.connections(loop)).isZero();
		}
		logger.info("io_uring: {} of {} connections reset after sending {} byte(s) went unnoticed until a deadline; "
				+ "close reasons {}", count(reasons, CloseReason.FIRST_MESSAGE_TIMEOUT)
						+ count(reasons, CloseReason.FRAME_TIMEOUT), resets, sent.length, reasons);
	}

	private SocketServer start(SocketServerConfig.Builder config) {
		SocketServer server = new NettySocketServer(config.build(), this.loops);
		server.start();
		return server;
	}

	private static long closed(Map<CloseReason, LongAdder> reasons) {
		return reasons.values().stream().mapToLong(LongAdder::sum).sum();
	}

	private static long count(Map<CloseReason, LongAdder> reasons, CloseReason reason) {
		LongAdder count = reasons.get(reason);
		return (count != null) ? count.sum() : 0;
	}

}
