package dev.socketserver.wiretap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.ChannelHandlerCodec;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.wiretap.WireTapEntry.Direction;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Wire taps on real servers and sockets: what they capture both ways, how they end, and that an untapped
 * connection carries nothing of them.
 */
class WireTapTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture(1);

	private final WireTaps taps = new WireTaps(WireTapSettings.DEFAULTS);

	@Test
	void capturesFramesBothWaysWithHexAndMessageUntilTheFrameLimit() throws Exception {
		SocketServer server = lineServer("lines");
		try (TestClient client = new TestClient(server.port())) {
			Connection connection = connectionOf(server, client);
			List<String> pipelineBefore = connection.channel().pipeline().names();
			WireTap tap = this.taps.start(connection, 4, null);
			probe(tap, client);
			client.writeLine("hello");
			assertThat(client.readLine()).isEqualTo("HELLO");
			await().atMost(TIMEOUT).until(() -> !tap.isActive());
			assertThat(tap.end()).isEqualTo(WireTap.End.FRAMES);
			// The probe's two frames come first.
			List<WireTapEntry> entries = tap.entries();
			assertThat(entries).hasSize(4);
			WireTapEntry received = entries.get(2);
			assertThat(received.direction()).isEqualTo(Direction.RECEIVED);
			assertThat(received.size()).isEqualTo(6);
			assertThat(received.hex()).isEqualTo("68656c6c6f0a");
			assertThat(received.message()).isEqualTo("hello");
			WireTapEntry sent = entries.get(3);
			assertThat(sent.direction()).isEqualTo(Direction.SENT);
			assertThat(sent.hex()).isEqualTo("48454c4c4f0a");
			assertThat(sent.message()).isEqualTo("HELLO");
			// An inline codec is tapped inside the connection: never a pipeline handler, on or off.
			assertThat(connection.channel().pipeline().names()).isEqualTo(pipelineBefore);
			client.writeLine("after");
			assertThat(client.readLine()).isEqualTo("AFTER");
			assertThat(tap.entries()).hasSize(4);
		}
	}

	@Test
	void endsWhenItsTimeRunsOut() throws Exception {
		SocketServer server = lineServer("timed");
		try (TestClient client = new TestClient(server.port())) {
			Connection connection = connectionOf(server, client);
			WireTap tap = this.taps.start(connection, 1000, Duration.ofMillis(200));
			await().atMost(TIMEOUT).until(() -> !tap.isActive());
			assertThat(tap.end()).isEqualTo(WireTap.End.TIME);
			client.writeLine("late");
			assertThat(client.readLine()).isEqualTo("LATE");
			assertThat(tap.entries()).isEmpty();
			assertThat(this.taps.activeCount()).isZero();
			assertThat(this.taps.find("timed", connection.id())).isSameAs(tap);
		}
	}

	@Test
	void endsWhenTheConnectionClosesAndStaysReadable() throws Exception {
		SocketServer server = lineServer("closing");
		Connection connection;
		WireTap tap;
		try (TestClient client = new TestClient(server.port())) {
			connection = connectionOf(server, client);
			tap = this.taps.start(connection, 100, null);
			probe(tap, client);
		}
		await().atMost(TIMEOUT).until(() -> !tap.isActive());
		assertThat(tap.end()).isEqualTo(WireTap.End.CONNECTION_CLOSED);
		assertThat(tap.entries()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(this.taps.find("closing", connection.id())).isSameAs(tap);
	}

	@Test
	void masksToSizesOnly() throws Exception {
		WireTaps masked = new WireTaps(WireTapSettings.DEFAULTS.withMasker(WireTapMasker.SIZES_ONLY));
		SocketServer server = lineServer("masked");
		try (TestClient client = new TestClient(server.port())) {
			WireTap tap = masked.start(connectionOf(server, client), 2, null);
			probe(tap, client);
			await().atMost(TIMEOUT).until(() -> !tap.isActive());
			assertThat(tap.entries()).hasSize(2).allSatisfy((entry) -> {
				assertThat(entry.size()).isPositive();
				assertThat(entry.hex()).isNull();
				assertThat(entry.message()).isNull();
			});
		}
	}

	@Test
	void capsTheBytesAndTheMessageOfEachFrameAndAppliesAMasker() throws Exception {
		WireTapMasker redact = (entry) -> new WireTapEntry(entry.time(), entry.direction(), entry.size(),
				entry.hex(), entry.truncated(), String.valueOf(entry.message()).replace("secret", "******"));
		WireTaps capped = new WireTaps(WireTapSettings.DEFAULTS.withFrameCaps(4, 10).withMasker(redact));
		SocketServer server = lineServer("capped");
		try (TestClient client = new TestClient(server.port())) {
			WireTap tap = capped.start(connectionOf(server, client), 1, null);
			probe(tap, client);
			await().atMost(TIMEOUT).until(() -> !tap.isActive());
			WireTapEntry entry = tap.entries().get(0);
			assertThat(entry.hex()).isEqualTo("70726f62");
			assertThat(entry.truncated()).isTrue();
			client.writeLine("x");
			assertThat(client.readLine()).isEqualTo("X");
		}
		try (TestClient client = new TestClient(server.port())) {
			Connection connection = connectionOf(server, client);
			WireTap first = capped.start(connection, 1, null);
			probe(first, client);
			await().atMost(TIMEOUT).until(() -> !first.isActive());
			WireTap second = capped.start(connection, 1, null);
			await().atMost(TIMEOUT).until(second::isAttached);
			client.writeLine("secret and a long tail");
			assertThat(client.readLine()).isEqualTo("SECRET AND A LONG TAIL");
			await().atMost(TIMEOUT).until(() -> !second.isActive());
			assertThat(second.entries().get(0).message()).isEqualTo("****** and...(12 more)");
		}
	}

	@Test
	void escapesControlCharactersOfMessagesSoThatPeersCannotForgeLogLines() throws Exception {
		SocketServer server = lineServer("controls");
		try (TestClient client = new TestClient(server.port())) {
			WireTap tap = this.taps.start(connectionOf(server, client), 1, null);
			await().atMost(TIMEOUT).until(tap::isAttached);
			client.write("caf\u00e9\u0001\t!\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLine()).isNotNull();
			await().atMost(TIMEOUT).until(() -> !tap.isActive());
			assertThat(tap.entries().get(0).message()).isEqualTo("caf\u00e9\\u0001\\u0009!");
		}
		assertThat(WireTap.escaped("a\nb\u0001c", 4)).isEqualTo("a\\u000ab\\u0001");
	}

	@Test
	void capturesBroadcasts() throws Exception {
		SocketServer server = lineServer("broadcasts");
		try (TestClient client = new TestClient(server.port())) {
			Connection connection = connectionOf(server, client);
			WireTap tap = this.taps.start(connection, 3, null);
			probe(tap, client);
			server.connections().broadcast("news");
			assertThat(client.readLine()).isEqualTo("news");
			await().atMost(TIMEOUT).until(() -> !tap.isActive());
			WireTapEntry broadcast = tap.entries().get(2);
			assertThat(broadcast.direction()).isEqualTo(Direction.SENT);
			assertThat(broadcast.hex()).isEqualTo("6e6577730a");
			assertThat(broadcast.message()).isEqualTo("news");
		}
	}

	@Test
	void addsAHandlerForACodecOfNettyHandlersOnlyWhileTapped() throws Exception {
		ChannelHandlerCodec<String> lines = () -> List.of(new LineBasedFrameDecoder(64),
				new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8));
		SocketServer server = fixture.start(SocketServerConfig.builder("netty-lines")
			.address(InetAddress.getLoopbackAddress())
			.codec(lines)
			.handler((connection, line) -> connection.offer(((String) line).toUpperCase() + "\n")));
		try (TestClient client = new TestClient(server.port())) {
			Connection connection = connectionOf(server, client);
			assertThat(connection.channel().pipeline().names()).doesNotContain("wiretap");
			WireTap tap = this.taps.start(connection, 2, null);
			await().atMost(TIMEOUT).until(tap::isAttached);
			assertThat(connection.channel().pipeline().names()).containsSubsequence("wiretap", "connection");
			client.writeLine("hi");
			assertThat(client.readLine()).isEqualTo("HI");
			await().atMost(TIMEOUT).until(() -> !tap.isActive());
			assertThat(tap.entries()).extracting(WireTapEntry::direction, WireTapEntry::message)
				.containsExactly(tuple(Direction.RECEIVED, "hi"),
						tuple(Direction.SENT, "HI\\u000a"));
			await().atMost(TIMEOUT).until(() -> connection.channel().pipeline().get("wiretap") == null);
		}
	}

	@Test
	void refusesMoreTapsThanAllowedAndFramesOutOfBounds() throws Exception {
		WireTaps one = new WireTaps(WireTapSettings.DEFAULTS.withMaxTaps(1));
		SocketServer server = lineServer("bounded");
		try (TestClient first = new TestClient(server.port()); TestClient second = new TestClient(server.port())) {
			Connection a = connectionOf(server, first);
			Connection b = connectionOf(server, second);
			one.start(a, 10, null);
			assertThatExceptionOfType(WireTapRefusedException.class).isThrownBy(() -> one.start(b, 10, null));
			// A new tap of the same connection replaces its running one.
			WireTap again = one.start(a, 10, null);
			assertThat(one.activeCount()).isOne();
			assertThat(one.stop("bounded", a.id())).isSameAs(again);
			assertThat(again.end()).isEqualTo(WireTap.End.STOPPED);
			assertThat(one.start(b, 10, null).isActive()).isTrue();
			assertThatIllegalArgumentException().isThrownBy(() -> one.start(b, 1001, null));
			assertThatIllegalArgumentException().isThrownBy(() -> one.start(b, 1, Duration.ofHours(1)));
		}
	}

	private SocketServer lineServer(String name) {
		return fixture.start(SocketServerConfig.builder(name)
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, line) -> connection.offer(((String) line).toUpperCase())));
	}

	/**
	 * Sends a probe once the tap is attached on the event loop, so that it is captured.
	 */
	private static void probe(WireTap tap, TestClient client) throws Exception {
		await().atMost(TIMEOUT).until(tap::isAttached);
		client.writeLine("probe");
		assertThat(client.readLine()).isEqualTo("PROBE");
	}

	private static Connection connectionOf(SocketServer server, TestClient client) throws Exception {
		int localPort = client.socket().getLocalPort();
		await().atMost(TIMEOUT)
			.until(() -> server.connections().stream().anyMatch((connection) -> portOf(connection) == localPort));
		Connection connection = server.connections().stream()
			.filter((candidate) -> portOf(candidate) == localPort)
			.findFirst()
			.orElseThrow();
		assertThat(connection.closeReason()).isNotEqualTo(CloseReason.PEER_CLOSED);
		return connection;
	}

	private static int portOf(Connection connection) {
		return ((InetSocketAddress) connection.remoteAddress()).getPort();
	}

}
