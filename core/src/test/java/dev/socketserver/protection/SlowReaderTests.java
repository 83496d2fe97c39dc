package dev.socketserver.protection;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.socketserver.ServerFixture;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that reads a large reply slowly is alive: the idle and unwritable deadlines count from its last
 * progress, so it is served to the end, while a peer that stops reading altogether is closed as a slow consumer.
 */
class SlowReaderTests {

	private static final int REPLY = 6 * 1024 * 1024;

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private SocketServer server() {
		byte[] big = new byte[REPLY];
		Arrays.fill(big, (byte) 'x');
		return fixture.start(SocketServerConfig.builder("slow")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(LengthFieldFraming.builder().maxFrameLength(REPLY).build(), PayloadCodec.bytes()))
			.heartbeat((heartbeat) -> heartbeat.withReadIdleTimeout(Duration.ofSeconds(1)))
			.limits((limits) -> limits.withUnwritableTimeout(Duration.ofSeconds(1)))
			.heartbeat((heartbeat) -> heartbeat.withTick(Duration.ofMillis(50)))
			.limits((limits) -> limits.withMaxPendingOutboundBytes(32 * 1024 * 1024))
			.socketOptions((options) -> options.withSendBufferSize(64 * 1024))
			.handler((connection, frame) -> connection
				.offer("big".equals(new String((byte[]) frame, StandardCharsets.US_ASCII)) ? big : frame)));
	}

	@Test
	void aPeerReadingABigReplySlowlyIsServedPastTheIdleAndUnwritableTimeouts() throws Exception {
		SocketServer server = server();
		try (Socket socket = connect(server.port())) {
			request(socket.getOutputStream(), "big");
			DataInputStream in = new DataInputStream(socket.getInputStream());
			assertThat(in.readInt()).isEqualTo(REPLY);
			long start = System.nanoTime();
			byte[] chunk = new byte[64 * 1024];
			long received = 0;
			while (received < REPLY) {
				// Reads of at most the receive buffer, every 10 ms: the reply takes several times the idle timeout.
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
				received += readSome(in, chunk, (int) Math.min(chunk.length, REPLY - received));
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isGreaterThan(Duration.ofSeconds(2));
			request(socket.getOutputStream(), "still there?");
			assertThat(in.readInt()).isEqualTo(12);
			assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("still there?");
		}
		assertThat(server.connections().stats().closed(CloseReason.IDLE_TIMEOUT)).isZero();
		assertThat(server.connections().stats().closed(CloseReason.SLOW_CONSUMER)).isZero();
	}

	@Test
	void aPeerThatStopsReadingIsClosedAsASlowConsumer() throws Exception {
		SocketServer server = server();
		try (Socket socket = connect(server.port())) {
			request(socket.getOutputStream(), "big");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(server.connections().stats().closed(CloseReason.SLOW_CONSUMER))
					.isEqualTo(1));
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(16 * 1024);
		socket.setSoTimeout(10_000);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		return socket;
	}

	private static void request(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		out.write(new byte[] { 0, 0, 0, (byte) bytes.length });
		out.write(bytes);
		out.flush();
	}

	private static int readSome(InputStream in, byte[] chunk, int max) throws IOException {
		int n = in.read(chunk, 0, max);
		if (n < 0) {
			throw new AssertionError("Closed by the server");
		}
		return n;
	}

}
