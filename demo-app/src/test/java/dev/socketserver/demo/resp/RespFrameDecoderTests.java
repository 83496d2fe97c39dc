package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The RESP request decoder on an embedded channel, fed in any split, within its limits and beyond them.
 */
class RespFrameDecoderTests {

	private static final RespLimits LIMITS = new RespLimits(4, 16, 32, 64);

	@Test
	void commandsArriveWholeWhateverTheSplit() {
		String pipeline = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\n\0x\r\n*0\r\n*-1\r\nPING\r\n\r\n"
				+ "  echo 'it\\'s' \r\n*1\r\n$4\r\nPING\r\n";
		List<List<String>> expected = List.of(List.of("SET", "k", "v\r\n\0x"), List.of("PING"),
				List.of("echo", "it's"), List.of("PING"));
		for (int chunk : new int[] { 1, 2, 3, 5, 7, pipeline.length() }) {
			EmbeddedChannel channel = new EmbeddedChannel(new RespFrameDecoder(LIMITS));
			byte[] bytes = pipeline.getBytes(StandardCharsets.ISO_8859_1);
			for (int i = 0; i < bytes.length; i += chunk) {
				channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
			}
			assertThat(readCommands(channel)).as("chunks of %d bytes", chunk).isEqualTo(expected);
			assertThat(channel.finishAndReleaseAll()).isFalse();
		}
	}

	@Test
	void inlineLinesOfManyWordsAndTheLinesAfterThemSplitAsRedisSplitsThem() {
		List<String> words = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			words.add("w" + i);
		}
		String many = String.join(" \t ", words);
		String input = many + "\r\n \t\f\r\nGET\tk\r\nSET k 'a b'\n" + many + "\nPING\r\n";
		EmbeddedChannel channel = new EmbeddedChannel(new RespFrameDecoder(new RespLimits(4, 16, 4096, 64)));
		channel.writeInbound(buffer(input));
		assertThat(readCommands(channel)).containsExactly(words, List.of("GET", "k"), List.of("SET", "k", "a b"),
				words, List.of("PING"));
		assertThat(channel.finishAndReleaseAll()).isFalse();
	}

	@Test
	void declaredSizesOverTheLimitsFailBeforeTheirBytesArrive() {
		assertFailure("*5\r\n", TooLongFrameException.class, "command of 5 arguments (limit 4)");
		assertFailure("*1\r\n$17\r\n", TooLongFrameException.class, "argument of 17 bytes (limit 16)");
		assertFailure("*4\r\n$16\r\n" + "a".repeat(16) + "\r\n$16\r\n" + "b".repeat(16) + "\r\n$16\r\n",
				TooLongFrameException.class, "command longer than 64 bytes");
		assertFailure("PING".repeat(9), TooLongFrameException.class, "inline command longer than 32 bytes");
	}

	@Test
	void malformedRequestsFail() {
		assertFailure("*1\r\n:1\r\n", CorruptedFrameException.class, "expected '$', got ':'");
		assertFailure("*01\r\n", CorruptedFrameException.class, "invalid multibulk length");
		assertFailure("*\r\n", CorruptedFrameException.class, "invalid multibulk length");
		assertFailure("*1\r\n$-1\r\n", CorruptedFrameException.class, "invalid bulk length");
		assertFailure("*1\r\n$1\r\nab\r\n", CorruptedFrameException.class, "bulk string not terminated by CRLF");
		assertFailure("*1\r\n$1\nx\r\n", CorruptedFrameException.class, "invalid bulk length");
		assertFailure("GET \"k\"x\r\n", CorruptedFrameException.class, "unbalanced quotes in request");
	}

	@Test
	void inputAfterAFailureIsDiscarded() {
		EmbeddedChannel channel = new EmbeddedChannel(new RespFrameDecoder(LIMITS));
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> channel.writeInbound(buffer("*9\r\n*1\r\n$4\r\nPING\r\n")));
		channel.writeInbound(buffer("*1\r\n$4\r\nPING\r\n"));
		assertThat(readCommands(channel)).isEmpty();
		channel.finishAndReleaseAll();
	}

	private static void assertFailure(String input, Class<? extends Exception> type, String message) {
		EmbeddedChannel channel = new EmbeddedChannel(new RespFrameDecoder(LIMITS));
		assertThatExceptionOfType(type).isThrownBy(() -> channel.writeInbound(buffer(input)))
			.withMessage(message);
		assertThat(readCommands(channel)).isEmpty();
		channel.finishAndReleaseAll();
	}

	private static List<List<String>> readCommands(EmbeddedChannel channel) {
		List<List<String>> commands = new ArrayList<>();
		RespCommand command;
		while ((command = channel.readInbound()) != null) {
			List<String> args = new ArrayList<>();
			for (int i = 0; i < command.count(); i++) {
				args.add(new String(command.bytes(i), StandardCharsets.ISO_8859_1));
			}
			commands.add(args);
			command.release();
		}
		return commands;
	}

	private static ByteBuf buffer(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
	}

}
