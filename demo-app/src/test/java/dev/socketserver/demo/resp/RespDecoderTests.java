package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The RESP request decoder, fed in any split as the server's stage feeds it (one buffer that gathers what was
 * read), within its limits and beyond them.
 */
class RespDecoderTests {

	private static final RespLimits LIMITS = new RespLimits(4, 16, 32, 64);

	@Test
	void commandsArriveWholeWhateverTheSplit() {
		String pipeline = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\n\0x\r\n*0\r\n*-1\r\nPING\r\n\r\n"
				+ "  echo 'it\\'s' \r\n*1\r\n$4\r\nPING\r\n";
		List<List<String>> expected = List.of(List.of("SET", "k", "v\r\n\0x"), List.of("PING"),
				List.of("echo", "it's"), List.of("PING"));
		for (int chunk : new int[] { 1, 2, 3, 5, 7, pipeline.length() }) {
			RespDecoder decoder = new RespDecoder(LIMITS);
			ByteBuf input = Unpooled.buffer();
			List<List<String>> commands = new ArrayList<>();
			byte[] bytes = pipeline.getBytes(StandardCharsets.ISO_8859_1);
			for (int i = 0; i < bytes.length; i += chunk) {
				input.writeBytes(bytes, i, Math.min(chunk, bytes.length - i));
				commands.addAll(decodeAll(decoder, input));
			}
			assertThat(commands).as("chunks of %d bytes", chunk).isEqualTo(expected);
			assertThat(input.isReadable()).isFalse();
			assertThat(input.release()).as("every command released its reference").isTrue();
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
		ByteBuf buffer = buffer(input);
		assertThat(decodeAll(new RespDecoder(new RespLimits(4, 16, 4096, 64)), buffer)).containsExactly(words,
				List.of("GET", "k"), List.of("SET", "k", "a b"), words, List.of("PING"));
		assertThat(buffer.release()).isTrue();
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

	private static void assertFailure(String input, Class<? extends Exception> type, String message) {
		ByteBuf buffer = buffer(input);
		try {
			RespDecoder decoder = new RespDecoder(LIMITS);
			assertThatExceptionOfType(type).isThrownBy(() -> decoder.decode(buffer)).withMessage(message);
		}
		finally {
			assertThat(buffer.release()).as("no command was made").isTrue();
		}
	}

	/**
	 * Decodes every whole command in {@code input}, as the server's stage does after each read.
	 */
	private static List<List<String>> decodeAll(RespDecoder decoder, ByteBuf input) {
		List<List<String>> commands = new ArrayList<>();
		RespCommand command;
		while ((command = decoder.decode(input)) != null) {
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
