package dev.socketserver.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate of protective-close warnings: a flood of bad clients must not become a flood of log lines, and what is
 * not logged is reported with the next line.
 */
class ProtectionLogTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture(1);

	private final MockTicker ticker = Ticker.newMockTicker();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(ProtectionLog.class);

	@BeforeEach
	void captureLog() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void floodOfClosesLogsTheBudgetPerIntervalAndTheNextLineCountsTheRest() throws Exception {
		SocketServer server = fixture.start(lines("budget"));
		try (TestClient client = new TestClient(server.port())) {
			await().until(() -> server.connections().count() == 1);
			Connection connection = server.connections().stream().findFirst().orElseThrow();
			ProtectionLog log = new ProtectionLog(3, this.ticker);
			for (int i = 0; i < 50; i++) {
				log.closed(connection, CloseReason.FRAME_TOO_LARGE, "close " + i);
			}
			this.ticker.advance(INTERVAL.toMillis() / 2, TimeUnit.MILLISECONDS);
			for (int i = 50; i < 60; i++) {
				log.closed(connection, CloseReason.FRAME_TOO_LARGE, "close " + i);
			}
			assertThat(messages()).hasSize(3).allSatisfy((line) -> assertThat(line).doesNotContain("not logged"));
			assertThat(messages().get(0)).contains(connection.id(), "'budget'", "frame too large", "(close 0)");
			this.ticker.advance(INTERVAL.toMillis() / 2 + 1, TimeUnit.MILLISECONDS);
			log.closed(connection, CloseReason.SLOW_CONSUMER, "close 60");
			log.closed(connection, CloseReason.SLOW_CONSUMER, "close 61");
			assertThat(messages()).hasSize(5);
			assertThat(messages().get(3)).contains("(close 60)", "; 57 similar closes were not logged");
			assertThat(messages().get(4)).contains("(close 61)").doesNotContain("not logged");
		}
	}

	@Test
	void floodOfRefusalsFromManyThreadsKeepsTheBudgetAndCountsEveryRefusal() throws Exception {
		ProtectionLog log = new ProtectionLog(2, this.ticker);
		InetSocketAddress remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> floods = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				floods.add(pool.submit(() -> {
					for (int i = 0; i < 1000; i++) {
						log.refused(remote, "gate", CloseReason.ACCESS_DENIED, ConnectionLimits.DEFAULTS);
					}
				}));
			}
			for (Future<?> flood : floods) {
				flood.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(messages()).hasSize(2).allSatisfy((line) -> assertThat(line).endsWith("; 0 more refused since the "
				+ "last report"));
		this.ticker.advance(INTERVAL.toMillis() + 1, TimeUnit.MILLISECONDS);
		log.refused(remote, "gate", CloseReason.CONNECTION_LIMIT, ConnectionLimits.DEFAULTS.withMaxConnections(5));
		assertThat(messages()).hasSize(3);
		assertThat(messages().get(2)).contains("'gate'", "connection limit", "limits 5 total")
			.endsWith("; 3998 more refused since the last report");
	}

	@Test
	void protectiveClosesOfARealServerAreLoggedAtMostTenPerInterval() throws Exception {
		SocketServer server = fixture.start(lines("flood"));
		int floods = 30;
		long start = System.nanoTime();
		for (int i = 0; i < floods; i++) {
			try (TestClient client = new TestClient(server.port())) {
				client.write(new byte[200]);
				assertThat(client.isClosedByPeer()).isTrue();
			}
		}
		await().until(() -> server.connections().stats().closed(CloseReason.FRAME_TOO_LARGE) == floods);
		long elapsed = System.nanoTime() - start;
		List<String> lines = messages().stream().filter((line) -> line.contains("'flood'")).toList();
		// The budget is per interval: a flood slowed past one interval by a loaded machine may fill a second.
		long intervals = 1 + elapsed / INTERVAL.toNanos();
		assertThat(lines).isNotEmpty().hasSizeLessThanOrEqualTo((int) Math.min(floods - 1, 10 * intervals));
		assertThat(lines.get(0)).contains("frame too large");
	}

	private static SocketServerConfig.Builder lines(String name) {
		return SocketServerConfig.builder(name)
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, message) -> connection.offer(message));
	}

	private List<String> messages() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
