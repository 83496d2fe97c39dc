package dev.socketserver.server;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.ChannelHandlerCodec;
import dev.socketserver.codec.DelimiterFraming;
import dev.socketserver.codec.FixedLengthFraming;
import dev.socketserver.codec.Framing;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Echo round trips through every built-in codec over real loopback sockets.
 */
class CodecRoundTripTests {

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private <T> SocketServer echo(MessageCodec<T> codec) {
		SocketServer server = new NettySocketServer(SocketServerConfig.builder("echo")
			.port(0)
			.codec(codec)
			.handler((connection, message) -> connection.offer(retainIfBuffer(message)))
			.build(), fixture.eventLoops());
		server.start();
		fixture.stopAfterTest(server);
		return server;
	}

	private static Object retainIfBuffer(Object message) {
		return (message instanceof ByteBuf buffer) ? buffer.retain() : message;
	}

	@Test
	void lineCodecEchoesLinesEndedByLfOrCrLf() throws Exception {
		SocketServer server = echo(
				MessageCodec.of(new LineFraming(1024, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)));
		try (TestClient client = new TestClient(server.port())) {
			client.write("hello\r\nwörld\n\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLine()).isEqualTo("hello");
			assertThat(client.readLine()).isEqualTo("wörld");
			assertThat(client.readLine()).isEmpty();
		}
	}

	@Test
	void lineCodecWritesCrLfWhenConfigured() throws Exception {
		SocketServer server = echo(MessageCodec.of(new LineFraming(1024, LineDelimiter.CRLF),
				PayloadCodec.string(StandardCharsets.US_ASCII)));
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("ping");
			assertThat(new String(client.readExactly(6), StandardCharsets.US_ASCII)).isEqualTo("ping\r\n");
		}
	}

	@Test
	void lengthFieldCodecEchoesFramesOfEveryFieldSizeAndByteOrder() throws Exception {
		for (int fieldLength : new int[] { 1, 2, 3, 4, 8 }) {
			for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
				Framing framing = LengthFieldFraming.builder().lengthFieldLength(fieldLength).byteOrder(order).build();
				SocketServer server = echo(MessageCodec.of(framing, PayloadCodec.bytes()));
				byte[] frame = lengthPrefixed(fieldLength, order, "payload-" + fieldLength);
				try (TestClient client = new TestClient(server.port())) {
					client.write(frame);
					assertThat(client.readExactly(frame.length)).as("%d-byte %s", fieldLength, order).isEqualTo(frame);
				}
			}
		}
	}

	@Test
	void lengthFieldCodecKeepsHeaderWhenNotStrippedAndRewritesTheLength() throws Exception {
		// Header: 2-byte type, then a 2-byte length counting the whole frame (adjustment -4).
		Framing framing = LengthFieldFraming.builder()
			.lengthFieldOffset(2)
			.lengthFieldLength(2)
			.lengthAdjustment(-4)
			.stripHeader(false)
			.build();
		SocketServer server = echo(MessageCodec.of(framing, PayloadCodec.bytes()));
		byte[] frame = { 0, 7, 0, 7, 'a', 'b', 'c' };
		try (TestClient client = new TestClient(server.port())) {
			client.write(frame);
			assertThat(client.readExactly(frame.length)).isEqualTo(frame);
		}
	}

	@Test
	void delimiterCodecEchoesFramesEndedByAMultiByteDelimiter() throws Exception {
		SocketServer server = echo(
				MessageCodec.of(new DelimiterFraming("||".getBytes(StandardCharsets.US_ASCII), 64),
						PayloadCodec.bytes()));
		try (TestClient client = new TestClient(server.port())) {
			client.write("a|b||".getBytes(StandardCharsets.US_ASCII));
			client.write("|c||".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(client.readExactly(9), StandardCharsets.US_ASCII)).isEqualTo("a|b|||c||");
		}
	}

	@Test
	void fixedLengthCodecEchoesFrames() throws Exception {
		SocketServer server = echo(MessageCodec.of(new FixedLengthFraming(3), PayloadCodec.bytes()));
		try (TestClient client = new TestClient(server.port())) {
			client.write("abcdefg".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(client.readExactly(6), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
			client.write("hi".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(client.readExactly(3), StandardCharsets.US_ASCII)).isEqualTo("ghi");
		}
	}

	@Test
	void rawCodecEchoesBytesAsTheyCome() throws Exception {
		SocketServer server = echo(MessageCodec.of(new dev.socketserver.codec.RawFraming(4096), PayloadCodec.buffer()));
		try (TestClient client = new TestClient(server.port())) {
			byte[] bytes = new byte[10_000];
			new Random(7).nextBytes(bytes);
			client.write(bytes);
			assertThat(client.readExactly(bytes.length)).isEqualTo(bytes);
		}
	}

	@Test
	void largeBufferPayloadsAreEchoedWithoutACopyAndInOrder() throws Exception {
		// Sizes around the size from which payloads are written as they are, so that shared and copied frames mix.
		SocketServer server = echo(MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.buffer()));
		Random random = new Random(11);
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		for (int i = 0; i < 300; i++) {
			byte[] payload = new byte[200 + random.nextInt(8000)];
			random.nextBytes(payload);
			sent.write(TestClient.frame(payload));
		}
		byte[] bytes = sent.toByteArray();
		try (TestClient client = new TestClient(server.port())) {
			client.write(bytes);
			assertThat(client.readExactly(bytes.length)).isEqualTo(bytes);
		}
	}

	@Test
	void framesSplitIntoSingleBytesAndFramesCoalescedInOneWriteBothDecode() throws Exception {
		SocketServer server = echo(MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.buffer()));
		ByteArrayOutputStream many = new ByteArrayOutputStream();
		for (int i = 0; i < 200; i++) {
			many.write(TestClient.frame(("frame-" + i).getBytes(StandardCharsets.US_ASCII)));
		}
		try (TestClient client = new TestClient(server.port())) {
			byte[] split = TestClient.frame("split".getBytes(StandardCharsets.US_ASCII));
			for (byte b : split) {
				client.write(new byte[] { b });
			}
			assertThat(client.readFrame()).asString().isEqualTo("split");
			client.write(many.toByteArray());
			for (int i = 0; i < 200; i++) {
				assertThat(client.readFrame()).asString().isEqualTo("frame-" + i);
			}
		}
	}

	@Test
	void oversizedFrameClosesOnlyThatConnection() throws Exception {
		SocketServer server = echo(
				MessageCodec.of(LengthFieldFraming.builder().maxFrameLength(1024).build(), PayloadCodec.bytes()));
		try (TestClient good = new TestClient(server.port()); TestClient bad = new TestClient(server.port())) {
			good.writeFrame("before".getBytes(StandardCharsets.US_ASCII));
			assertThat(good.readFrame()).asString().isEqualTo("before");
			bad.write(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3 });
			assertThat(bad.isClosedByPeer()).isTrue();
			good.writeFrame("after".getBytes(StandardCharsets.US_ASCII));
			assertThat(good.readFrame()).asString().isEqualTo("after");
		}
		await().untilAsserted(() -> assertThat(server.connections().stats().closed(CloseReason.FRAME_TOO_LARGE))
				.isOne());
		assertThat(server.connections().stats().decodeErrors()).isOne();
	}

	@Test
	void invalidUtf8OnALineCodecIsADecodeError() throws Exception {
		SocketServer server = echo(
				MessageCodec.of(new LineFraming(1024, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)));
		try (TestClient client = new TestClient(server.port())) {
			client.write(new byte[] { 'a', (byte) 0xc3, (byte) 0x28, '\n' });
			assertThat(client.isClosedByPeer()).isTrue();
		}
		await().untilAsserted(() -> assertThat(server.connections().stats().closed(CloseReason.DECODE_ERROR)).isOne());
	}

	@Test
	void lineLongerThanTheLimitIsRefusedBeforeItsEndArrives() throws Exception {
		SocketServer server = echo(
				MessageCodec.of(new LineFraming(16, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)));
		try (TestClient client = new TestClient(server.port())) {
			client.write("0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.isClosedByPeer()).isTrue();
		}
		await().untilAsserted(
				() -> assertThat(server.connections().stats().closed(CloseReason.FRAME_TOO_LARGE)).isOne());
	}

	@Test
	void nettyHandlerCodecsAreCountedAndTheirDecodeErrorsCloseWithAReason() throws Exception {
		ChannelHandlerCodec<String> lines = () -> List.of(new LineBasedFrameDecoder(16, true, true),
				new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8));
		SocketServer server = fixture.start(SocketServerConfig.builder("netty-lines")
			.address(InetAddress.getLoopbackAddress())
			.codec(lines)
			.handler((connection, line) -> connection.offer(line + "\n")));
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("counted");
			assertThat(client.readLine()).isEqualTo("counted");
			await().untilAsserted(() -> {
				assertThat(server.connections().stats().bytesReceived()).isEqualTo(8);
				assertThat(server.connections().stats().bytesSent()).isEqualTo(8);
			});
			client.writeLine("a line much longer than sixteen bytes");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		await().untilAsserted(
				() -> assertThat(server.connections().stats().closed(CloseReason.FRAME_TOO_LARGE)).isOne());
		assertThat(server.connections().stats().decodeErrors()).isOne();
	}

	private static byte[] lengthPrefixed(int fieldLength, ByteOrder order, String text) {
		byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
		ByteBuffer buffer = ByteBuffer.allocate(fieldLength + payload.length).order(order);
		long length = payload.length;
		switch (fieldLength) {
			case 1 -> buffer.put((byte) length);
			case 2 -> buffer.putShort((short) length);
			case 3 -> {
				if (order == ByteOrder.BIG_ENDIAN) {
					buffer.put((byte) 0).put((byte) 0).put((byte) length);
				}
				else {
					buffer.put((byte) length).put((byte) 0).put((byte) 0);
				}
			}
			case 4 -> buffer.putInt((int) length);
			default -> buffer.putLong(length);
		}
		return buffer.put(payload).array();
	}

}
