package dev.socketserver.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Decoding and encoding of text payloads, short and long (the long ones take the bulk paths), on heap, direct and
 * composite buffers.
 */
class StringPayloadCodecTests {

	private static final String MIXED = "a\u00e9\u20ac\ud83d\ude00z";

	private final PayloadCodec<String> utf8 = PayloadCodec.string(StandardCharsets.UTF_8);

	private final PayloadCodec<String> ascii = PayloadCodec.string(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@ValueSource(ints = { 1, 100, 1000 })
	void multiByteTextRoundTripsOnDirectBuffers(int repeat) throws Exception {
		String text = MIXED.repeat(repeat);
		ByteBuf out = ByteBufAllocator.DEFAULT.directBuffer();
		try {
			this.utf8.write(text, out);
			assertThat(ByteBufUtil.getBytes(out)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
			assertThat(this.utf8.read(out, out.readableBytes())).isEqualTo(text);
			assertThat(out.isReadable()).isFalse();
		}
		finally {
			out.release();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 1000 })
	void charactersSplitAcrossTheComponentsOfACompositeBufferDecode(int repeat) throws Exception {
		String text = MIXED.repeat(repeat);
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		CompositeByteBuf composite = Unpooled.compositeBuffer();
		// Cut inside the 4-byte emoji (after 'a', the 2-byte and the 3-byte character, plus one byte of the emoji)
		// and inside the 3-byte euro sign.
		int[] cuts = { 0, 2, 7, bytes.length - 3, bytes.length };
		for (int i = 1; i < cuts.length; i++) {
			ByteBuf part = ByteBufAllocator.DEFAULT.directBuffer(cuts[i] - cuts[i - 1]);
			part.writeBytes(bytes, cuts[i - 1], cuts[i] - cuts[i - 1]);
			composite.addComponent(true, part);
		}
		try {
			assertThat(this.utf8.read(composite, composite.readableBytes())).isEqualTo(text);
		}
		finally {
			composite.release();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 1000 })
	void unpairedSurrogatesEncodeAsQuestionMarksOnBothPaths(int repeat) throws Exception {
		String text = "x".repeat(repeat) + "\ud800y\udc00";
		ByteBuf out = Unpooled.buffer();
		try {
			this.utf8.write(text, out);
			assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x".repeat(repeat) + "?y?");
		}
		finally {
			out.release();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "c328", "c0af", "eda080", "f09f98", "f4908080", "ff", "80" })
	void malformedUtf8IsRejectedShortAndLong(String hex) {
		byte[] bad = hex(hex);
		assertRejected(this.utf8, bad);
		byte[] longPayload = new byte[4096 + bad.length];
		Arrays.fill(longPayload, (byte) 'a');
		System.arraycopy(bad, 0, longPayload, 2048, bad.length);
		assertRejected(this.utf8, longPayload);
	}

	@Test
	void aValidReplacementCharacterIsAccepted() throws Exception {
		String text = "ok \ufffd ".repeat(500);
		ByteBuf in = Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
		try {
			assertThat(this.utf8.read(in, in.readableBytes())).isEqualTo(text);
		}
		finally {
			in.release();
		}
	}

	@Test
	void asciiRejectsNonAsciiBytes() {
		assertRejected(this.ascii, new byte[] { 'o', 'k', (byte) 0xc3, (byte) 0xa9 });
	}

	private static void assertRejected(PayloadCodec<String> codec, byte[] payload) {
		ByteBuf in = ByteBufAllocator.DEFAULT.directBuffer(payload.length).writeBytes(payload);
		try {
			assertThatExceptionOfType(CorruptedFrameException.class).isThrownBy(() -> codec.read(in, payload.length))
				.withMessageStartingWith("Payload is not valid");
			assertThat(in.readerIndex()).isZero();
		}
		finally {
			in.release();
		}
	}

	private static byte[] hex(String hex) {
		byte[] bytes = new byte[hex.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
		}
		return bytes;
	}

}
