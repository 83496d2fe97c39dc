package dev.socketserver.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.socketserver.codec.LineFraming.LineDelimiter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large buffer payloads are written behind their header instead of being copied, with the same bytes a copy would
 * have.
 */
class SharedPayloadEncodingTests {

	private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

	@Test
	void largeBufferPayloadIsSharedWithTheSameBytesAsACopy() throws Exception {
		assertSharedEqualsCopy(LengthFieldFraming.builder().build(), 4096);
		assertSharedEqualsCopy(LengthFieldFraming.builder().lengthFieldLength(2).build(), 1500);
		assertSharedEqualsCopy(new LineFraming(8192, LineDelimiter.CRLF), 2048);
		assertSharedEqualsCopy(new DelimiterFraming("||".getBytes(StandardCharsets.US_ASCII), 8192), 2048);
		assertSharedEqualsCopy(new RawFraming(8192), FramedCodec.SHARE_THRESHOLD);
	}

	private void assertSharedEqualsCopy(Framing framing, int size) throws Exception {
		MessageCodec<ByteBuf> codec = MessageCodec.of(framing, PayloadCodec.buffer());
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'x');
		bytes[0] = 'a';
		bytes[size - 1] = 'z';
		ByteBuf payload = this.alloc.directBuffer(size).writeBytes(bytes);
		ByteBuf copy = Unpooled.buffer();
		ByteBuf head = Unpooled.buffer();
		assertThat(codec.sharesPayload(payload)).as("%s", framing).isTrue();
		ByteBuf rest = codec.encodeShared(payload, head);
		try {
			codec.encode(payload, copy);
			assertThat(rest).as("%s", framing).isNotNull();
			byte[] shared = ByteBufUtil.getBytes(Unpooled.wrappedUnmodifiableBuffer(head, rest));
			assertThat(shared).as("%s", framing).isEqualTo(ByteBufUtil.getBytes(copy));
			assertThat(payload.refCnt()).as("the frame holds a reference of its own").isEqualTo(2);
			assertThat(payload.readerIndex()).isZero();
		}
		finally {
			copy.release();
			head.release();
			if (rest != null) {
				rest.release();
			}
			payload.release();
		}
		assertThat(payload.refCnt()).isZero();
	}

	@Test
	void smallPayloadsAndOtherPayloadTypesAreCopied() throws Exception {
		MessageCodec<ByteBuf> buffers = MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.buffer());
		ByteBuf small = this.alloc.directBuffer().writeZero(FramedCodec.SHARE_THRESHOLD - 1);
		try {
			assertThat(buffers.sharesPayload(small)).isFalse();
			assertThat(buffers.encodeShared(small, Unpooled.buffer())).isNull();
		}
		finally {
			small.release();
		}
		MessageCodec<byte[]> arrays = MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes());
		assertThat(arrays.sharesPayload(new byte[8192])).isFalse();
		assertThat(arrays.encodeShared(new byte[8192], Unpooled.buffer())).isNull();
	}

	@Test
	void keptHeaderIsNotSharedBecauseItsLengthIsRewritten() throws Exception {
		Framing framing = LengthFieldFraming.builder().lengthFieldLength(4).stripHeader(false).build();
		MessageCodec<ByteBuf> codec = MessageCodec.of(framing, PayloadCodec.buffer());
		ByteBuf frame = this.alloc.directBuffer().writeInt(0).writeZero(4096);
		try {
			ByteBuf head = Unpooled.buffer();
			assertThat(codec.sharesPayload(frame)).isFalse();
			assertThat(codec.encodeShared(frame, head)).isNull();
			assertThat(head.isReadable()).isFalse();
			assertThat(frame.getInt(0)).isZero();
		}
		finally {
			frame.release();
		}
	}

}
