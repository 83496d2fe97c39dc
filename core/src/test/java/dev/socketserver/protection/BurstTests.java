package dev.socketserver.protection;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.socketserver.ServerFixture;
import dev.socketserver.codec.DelimiterFraming;
import dev.socketserver.codec.FixedLengthFraming;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.codec.RawFraming;
import dev.socketserver.codec.json.JsonCodec;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Bursts of 1, 10 and 100 MB pipelined at once through every built-in codec in every execution mode, the client
 * reading concurrently: every reply arrives, in order, and the connection is served afterwards. A burst larger
 * than the write-buffer water marks used to leave reads paused for good after about 100 KB.
 */
class BurstTests {

	private static final Logger figures = LoggerFactory.getLogger(BurstTests.class);

	private static final int MB = 1024 * 1024;

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	static Stream<Arguments> bursts() {
		return Stream.of(Wire.values())
			.flatMap((wire) -> Stream.of(ExecutionMode.values())
				.flatMap((mode) -> Stream.of(1, 10, 100).map((megabytes) -> Arguments.of(wire, mode, megabytes))));
	}

	@ParameterizedTest(name = "{0} {1} {2} MB")
	@MethodSource("bursts")
	void everyReplyToABurstArrivesInOrderAndTheConnectionIsServedAfterwards(Wire wire, ExecutionMode mode,
			int megabytes) throws Exception {
		assumeThat(mode != ExecutionMode.VIRTUAL_THREADS || ExecutionMode.virtualThreadsAvailable())
			.as("virtual threads need Java 21+")
			.isTrue();
		SocketServer server = fixture.start(SocketServerConfig.builder("burst")
			.address(InetAddress.getLoopbackAddress())
			.codec(wire.codec())
			.handler((connection, message) -> connection.offer(message))
			.executionMode(mode));
		EchoBurst.Result result = EchoBurst.echoing(wire.frames)
			.run(server.port(), (long) megabytes * MB, Duration.ofSeconds(120));
		figures.info("Burst of {} MB over {} in {} mode: {} messages echoed in {} ms ({} MB/s)", megabytes, wire,
				mode, result.messages(), result.took().toMillis(), Math.round(result.megabytesPerSecond()));
		ConnectionStats stats = server.connections().stats();
		assertThat(stats.decodeErrors() + stats.handlerErrors() + stats.droppedMessages()).isZero();
	}

	/**
	 * A built-in codec and the wire form of message {@code i}: sizes vary, so that frames straddle reads and some
	 * replies are encoded into the batch buffer while others get buffers of their own.
	 */
	enum Wire {

		LINE((i) -> line(i + ":" + "l".repeat(i % 400)), () -> MessageCodec
			.of(new LineFraming(1024, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8))),

		LENGTH_FIELD((i) -> lengthPrefixed(filler(i, 1 + (i * 7919) % 8192)),
				() -> MessageCodec.of(LengthFieldFraming.builder().maxFrameLength(64 * 1024).build(),
						PayloadCodec.bytes())),

		DELIMITER((i) -> concat(filler(i, 1 + (i * 613) % 3000), "||".getBytes(StandardCharsets.US_ASCII)),
				() -> MessageCodec.of(new DelimiterFraming("||".getBytes(StandardCharsets.US_ASCII), 4096),
						PayloadCodec.bytes())),

		FIXED_LENGTH((i) -> filler(i, 700), () -> MessageCodec.of(new FixedLengthFraming(700), PayloadCodec.bytes())),

		RAW((i) -> filler(i, 1 + (i * 31) % 20000),
				() -> MessageCodec.of(new RawFraming(16 * 1024), PayloadCodec.bytes())),

		JSON((i) -> line("{\"type\":\"m\",\"seq\":" + i + ",\"data\":\"" + "j".repeat(i % 700) + "\"}"),
				() -> JsonCodec.builder(JsonMapper.builder().build()).build());

		final IntFunction<byte[]> frames;

		private final Supplier<MessageCodec<?>> codec;

		Wire(IntFunction<byte[]> frames, Supplier<MessageCodec<?>> codec) {
			this.frames = frames;
			this.codec = codec;
		}

		MessageCodec<?> codec() {
			return this.codec.get();
		}

		private static byte[] line(String text) {
			return (text + "\n").getBytes(StandardCharsets.UTF_8);
		}

		private static byte[] lengthPrefixed(byte[] payload) {
			return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
		}

		/** Printable bytes that depend on the message, none of them a delimiter. */
		private static byte[] filler(int i, int length) {
			byte[] bytes = new byte[length];
			Arrays.fill(bytes, (byte) ('a' + i % 26));
			byte[] seq = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(seq, 0, bytes, 0, Math.min(seq.length, length));
			return bytes;
		}

		private static byte[] concat(byte[] a, byte[] b) {
			byte[] both = Arrays.copyOf(a, a.length + b.length);
			System.arraycopy(b, 0, both, a.length, b.length);
			return both;
		}

	}

}
