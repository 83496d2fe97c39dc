package dev.socketserver.test.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.socketserver.ServerFixture;
import dev.socketserver.codec.ChannelHandlerCodec;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.ssl.ServerSsl;
import dev.socketserver.ssl.SslEngineType;
import dev.socketserver.ssl.TestPki;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The test client against servers of the core, without Spring: what it sends and receives, and that each of its
 * expectations fails, with a message saying why, when the server does something else.
 */
class SocketTestClientTests {

	private static final MessageCodec<String> LINES = MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
			PayloadCodec.string(StandardCharsets.UTF_8));

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	@Test
	void sendsLinesAndExpectsTheirEchoes() {
		try (SocketTestClient client = SocketTestClient.connect(lineEcho())) {
			client.send("hello").expect("hello");
			assertThat(client.request("world")).isEqualTo("world");
			client.expectNoMessage(Duration.ofMillis(50));
		}
	}

	@Test
	void decodesMessagesSplitAcrossReadsAndSeveralInOneRead() {
		try (SocketTestClient client = SocketTestClient.connect(lineEcho())) {
			client.sendRaw("one\ntw").sendRaw("o\nthree\n");
			client.expect("one").expect("two").expect("three");
		}
	}

	@Test
	void anUnexpectedMessageFailsShowingBoth() {
		try (SocketTestClient client = SocketTestClient.connect(lineEcho())) {
			client.send("hello\tthere");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.expect("goodbye"))
				.withMessage("Expected message \"goodbye\"\n but received \"hello\\tthere\"");
		}
	}

	@Test
	void bytesAreComparedByContentAndShownInHex() {
		try (SocketTestClient client = SocketTestClient.connect(frameEcho(PayloadCodec.bytes()))) {
			client.send(new byte[] { 1, 2, 'a' }).expect(new byte[] { 1, 2, 'a' });
			client.send(new byte[] { 1, 2, 'a' });
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.expect(new byte[] { 1, 2, 'b' }))
				.withMessage("Expected message 3 bytes [01 02 62] \"..b\"\n but received 3 bytes [01 02 61] \"..a\"");
		}
	}

	@Test
	void buffersAreSentAndReceivedAsByteArraysAndReleased() {
		SocketServer server = frameEcho(PayloadCodec.buffer());
		try (SocketTestClient client = SocketTestClient.connect(server)) {
			byte[] payload = "buffered".getBytes(StandardCharsets.UTF_8);
			assertThat(client.request(payload)).isInstanceOf(byte[].class).isEqualTo(payload);
		}
	}

	@Test
	void aMessageThatDoesNotArriveFailsAfterTheTimeout() {
		try (SocketTestClient client = SocketTestClient.builder(lineEcho()).timeout(Duration.ofMillis(100)).connect()) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::expectNext)
				.withMessageMatching("Expected a message within PT0.1S, but none arrived; on socket server 'lines' "
						+ "connection \\S+ is open");
			// Half a line, which the line codec of the server would never send.
			client.serverConnection()
				.channel()
				.writeAndFlush(Unpooled.copiedBuffer("no newline", StandardCharsets.UTF_8));
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::expectNext)
				.withMessageStartingWith("Expected a message within PT0.1S, but none arrived; received 10 bytes "
						+ "[6e 6f 20 6e 65 77 6c 69 6e 65] \"no newline\" that do not make a whole message");
		}
	}

	@Test
	void aMessageWhereNoneWasExpectedFails() {
		try (SocketTestClient client = SocketTestClient.connect(lineEcho())) {
			client.send("surprise");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> client.expectNoMessage(Duration.ofSeconds(5)))
				.withMessage("Expected no message for PT5S, but received \"surprise\"");
		}
	}

	@Test
	void anOverlongFrameIsClosedAsFrameTooLarge() {
		SocketServer server = lineEcho();
		try (SocketTestClient client = SocketTestClient.connect(server)) {
			client.send("fine").expect("fine");
			client.sendRaw("x".repeat(100) + "\n");
			client.expectClosed(CloseReason.FRAME_TOO_LARGE);
			assertThat(client.serverConnection().closeReason()).isEqualTo(CloseReason.FRAME_TOO_LARGE);
		}
	}

	@Test
	void aCloseForAnotherReasonFailsNamingBoth() {
		try (SocketTestClient client = SocketTestClient.connect(lineEcho())) {
			client.sendRaw("x".repeat(100) + "\n");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> client.expectClosed(CloseReason.IDLE_TIMEOUT))
				.withMessageMatching("Expected socket server 'lines' to close connection \\S+ with IDLE_TIMEOUT "
						+ "\\(idle timeout\\), but it closed it with FRAME_TOO_LARGE \\(frame too large\\)");
		}
	}

	@Test
	void aConnectionThatStaysOpenFailsExpectClosed() {
		try (SocketTestClient client = SocketTestClient.builder(lineEcho()).timeout(Duration.ofMillis(100)).connect()) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::expectClosed)
				.withMessageStartingWith("Expected the connection to be closed within PT0.1S, but it is still open");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> client.expectClosed(CloseReason.SERVER_SHUTDOWN))
				.withMessageMatching("Expected the server to close connection \\S+ of socket server 'lines', but it "
						+ "is still open");
		}
	}

	@Test
	void aMessageBeforeTheCloseFailsExpectClosed() {
		try (SocketTestClient client = SocketTestClient.connect(lineEcho())) {
			client.send("last words");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::expectClosed)
				.withMessage("Expected the connection to be closed, but received \"last words\"");
		}
	}

	@Test
	void aClosedConnectionFailsExpectNextWithTheServersReason() {
		SocketServer server = lineEcho();
		try (SocketTestClient client = SocketTestClient.connect(server)) {
			client.serverConnection().close(CloseReason.CLOSED_BY_APPLICATION);
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::expectNext)
				.withMessageStartingWith("Expected a message, but the connection was closed (end of stream)")
				.withMessageEndingWith("was closed with CLOSED_BY_APPLICATION (closed by application)");
		}
	}

	@Test
	void aConnectionRefusedWhenAcceptedIsClosedWithTheRejection() {
		SocketServer server = fixture.start(lineEchoConfig().limits((limits) -> limits.withMaxConnections(1)));
		try (SocketTestClient first = SocketTestClient.connect(server);
				SocketTestClient second = SocketTestClient.connect(server)) {
			second.expectClosed(CloseReason.CONNECTION_LIMIT);
			first.send("still served").expect("still served");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(second::serverConnection)
				.withMessageStartingWith("Socket server 'lines' has no connection from port");
		}
	}

	@Test
	void aClientOfAnAddressUsesTheGivenCodecAndOnlyChecksThatTheConnectionCloses() {
		SocketServer server = lineEcho();
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
		try (SocketTestClient client = SocketTestClient.connect(address, LINES)) {
			client.send("hi").expect("hi");
			client.sendRaw("x".repeat(100) + "\n");
			client.expectClosed(CloseReason.FRAME_TOO_LARGE);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(client::serverConnection);
		}
	}

	@Test
	void aClientWithoutACodecSendsRawBytesOnly() {
		SocketServer server = lineEcho();
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
		try (SocketTestClient client = SocketTestClient.builder(address).connect()) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> client.send("hi"));
			client.sendRaw("x".repeat(100) + "\n").expectClosed();
		}
	}

	@Test
	void aTlsServerIsReachedOverTlsTrustingItsCertificate() throws Exception {
		SocketServer server = fixture.start(lineEchoConfig()
			.ssl(ServerSsl.of(TestPki.serverContext(TestPki.server(1), SslEngineType.JDK, ClientAuth.NONE))));
		try (SocketTestClient client = SocketTestClient.connect(server)) {
			assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).startsWith("TLS");
			client.expectNoMessage(Duration.ofMillis(50));
			client.send("secret").expect("secret");
		}
		SSLContext trustingTheCa = SSLContext.getInstance("TLS");
		trustingTheCa.init(null, TestPki.CA.toTrustManagerFactory().getTrustManagers(), null);
		try (SocketTestClient client = SocketTestClient.connect(server, trustingTheCa)) {
			client.send("verified").expect("verified");
		}
		try (SocketTestClient client = SocketTestClient.builder(server).ssl(trustingTheCa).verifyHostname().connect()) {
			client.send("named").expect("named");
		}
		try (SocketTestClient client = SocketTestClient.builder(server).plaintext().connect()) {
			client.sendRaw("not tls\n");
			client.expectClosed(CloseReason.TLS_HANDSHAKE_FAILED);
		}
	}

	@Test
	void aServerWithoutAMessageCodecNeedsOneForTheClient() {
		ChannelHandlerCodec<String> handlers = () -> List.of(new LineBasedFrameDecoder(64),
				new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8));
		SocketServer server = fixture.start(lineEchoConfig().codec(handlers)
			.handler((connection, line) -> connection.offer(line + "\n")));
		assertThatIllegalArgumentException().isThrownBy(() -> SocketTestClient.connect(server))
			.withMessageContaining("which is not a MessageCodec");
		try (SocketTestClient client = SocketTestClient.builder(server).codec(LINES).connect()) {
			client.send("hi").expect("hi");
		}
	}

	private static SocketServer lineEcho() {
		return fixture.start(lineEchoConfig());
	}

	private static SocketServerConfig.Builder lineEchoConfig() {
		return SocketServerConfig.builder("lines")
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.codec(LINES)
			.handler((connection, line) -> connection.offer(line));
	}

	private static <T> SocketServer frameEcho(PayloadCodec<T> payload) {
		return fixture.start(SocketServerConfig.builder("frames")
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.codec(MessageCodec.of(LengthFieldFraming.builder().maxFrameLength(1024).build(), payload))
			.handler((connection, frame) -> connection.offer(retained(frame))));
	}

	private static Object retained(Object frame) {
		// A received buffer is released when the handler returns; the one sent is released once written.
		return (frame instanceof ByteBuf buffer) ? buffer.retain() : frame;
	}

}
