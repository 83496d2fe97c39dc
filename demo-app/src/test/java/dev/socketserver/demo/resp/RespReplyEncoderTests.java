package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bytes of each reply type, and the size estimate the server sizes its buffers with.
 */
class RespReplyEncoderTests {

	private final RespCodec codec = new RespCodec(RespLimits.DEFAULTS);

	@Test
	void everyReplyTypeIsWrittenAsRedisWritesIt() {
		List<RedisMessage> replies = List.of(RespReplies.OK, RespReplies.PONG, RespReplies.integer(-1234567890123L),
				RespReplies.bulk("v\r\n"), RespReplies.NULL, RespReplies.error("ERR bad\r\nline"),
				RespReplies.array(List.<RedisMessage>of(RespReplies.bulk("a"), RespReplies.NULL)),
				ArrayRedisMessage.EMPTY_INSTANCE, new SimpleStringRedisMessage("QUEUED"));
		ByteBuf out = Unpooled.buffer();
		try {
			for (RedisMessage reply : replies) {
				this.codec.encode(reply, out);
			}
			assertThat(out.toString(StandardCharsets.ISO_8859_1))
				.isEqualTo("+OK\r\n+PONG\r\n:-1234567890123\r\n$3\r\nv\r\n\r\n$-1\r\n-ERR bad  line\r\n"
						+ "*2\r\n$1\r\na\r\n$-1\r\n*0\r\n+QUEUED\r\n");
		}
		finally {
			out.release();
		}
	}

	@Test
	void sizeHintsCoverTheEncodedReply() {
		List<RedisMessage> replies = List.of(RespReplies.bulk(new byte[100_000]), RespReplies.integer(Long.MIN_VALUE),
				RespReplies.error("ERR " + "\u00e9".repeat(40)),
				RespReplies.array(List.<RedisMessage>of(RespReplies.bulk("a"), RespReplies.bulk(new byte[600]))));
		for (RedisMessage reply : replies) {
			ByteBuf out = Unpooled.buffer();
			try {
				this.codec.encode(reply, out);
				assertThat(this.codec.sizeHint(reply)).as("%s", reply).isGreaterThanOrEqualTo(out.readableBytes());
			}
			finally {
				out.release();
			}
		}
	}

	@Test
	void bulkRepliesCompareAndPrintTheirValue() {
		assertThat(RespReplies.bulk("hello")).isEqualTo(RespReplies.bulk("hello"))
			.hasSameHashCodeAs(RespReplies.bulk("hello"))
			.isNotEqualTo(RespReplies.bulk("hellO"))
			.hasToString("BulkReply[hello]");
	}

	@Test
	void unknownReplyTypesAreRefused() {
		ByteBuf out = Unpooled.buffer();
		try {
			assertThatExceptionOfType(EncoderException.class)
				.isThrownBy(() -> this.codec.encode(new RedisMessage() {
				}, out))
				.withMessageStartingWith("Not a RESP2 reply");
		}
		finally {
			out.release();
		}
	}

}
