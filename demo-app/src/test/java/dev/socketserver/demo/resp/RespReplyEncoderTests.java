package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reply encoder on an embedded channel: replies written between flushes leave as one buffer.
 */
class RespReplyEncoderTests {

	@Test
	void repliesWrittenBetweenFlushesLeaveAsOneBuffer() {
		EmbeddedChannel channel = new EmbeddedChannel(new RespReplyEncoder());
		channel.write(RespReplies.OK, channel.voidPromise());
		channel.write(RespReplies.PONG, channel.voidPromise());
		channel.write(RespReplies.integer(-1234567890123L), channel.voidPromise());
		channel.write(RespReplies.bulk("v\r\n"), channel.voidPromise());
		channel.write(RespReplies.NULL, channel.voidPromise());
		channel.write(RespReplies.error("ERR bad\r\nline"), channel.voidPromise());
		channel.write(RespReplies.array(List.<RedisMessage>of(RespReplies.bulk("a"), RespReplies.NULL)),
				channel.voidPromise());
		channel.write(ArrayRedisMessage.EMPTY_INSTANCE, channel.voidPromise());
		assertThat((Object) channel.readOutbound()).isNull();
		channel.flush();
		assertThat(readText(channel)).isEqualTo("+OK\r\n+PONG\r\n:-1234567890123\r\n$3\r\nv\r\n\r\n$-1\r\n"
				+ "-ERR bad  line\r\n*2\r\n$1\r\na\r\n$-1\r\n*0\r\n");
		assertThat((Object) channel.readOutbound()).isNull();
		assertThat(channel.finishAndReleaseAll()).isFalse();
	}

	@Test
	void promisesCompleteWhenTheirBufferIsWritten() {
		EmbeddedChannel channel = new EmbeddedChannel(new RespReplyEncoder());
		ChannelFuture first = channel.write(RespReplies.OK);
		ChannelFuture second = channel.write(RespReplies.bulk("x"));
		assertThat(first.isDone()).isFalse();
		channel.flush();
		assertThat(first.isSuccess()).isTrue();
		assertThat(second.isSuccess()).isTrue();
		assertThat(readText(channel)).isEqualTo("+OK\r\n$1\r\nx\r\n");
		channel.finishAndReleaseAll();
	}

	@Test
	void otherWritesGoOutAfterTheRepliesBeforeThem() {
		EmbeddedChannel channel = new EmbeddedChannel(new RespReplyEncoder());
		channel.write(RespReplies.OK, channel.voidPromise());
		channel.writeAndFlush(Unpooled.copiedBuffer("raw", StandardCharsets.US_ASCII));
		assertThat(readText(channel)).isEqualTo("+OK\r\n");
		assertThat(readText(channel)).isEqualTo("raw");
		channel.finishAndReleaseAll();
	}

	@Test
	void largeBatchesAreHandedOnBeforeTheFlush() {
		EmbeddedChannel channel = new EmbeddedChannel(new RespReplyEncoder());
		channel.write(RespReplies.OK, channel.voidPromise());
		assertThat(channel.unsafe().outboundBuffer().totalPendingWriteBytes()).isZero();
		channel.write(RespReplies.bulk(new byte[RespReplyEncoder.MAX_PENDING_BYTES]), channel.voidPromise());
		assertThat(channel.unsafe().outboundBuffer().totalPendingWriteBytes())
			.isGreaterThan(RespReplyEncoder.MAX_PENDING_BYTES);
		channel.flush();
		assertThat(readText(channel)).startsWith("+OK\r\n$65536\r\n").hasSize(5 + 8 + 65536 + 2);
		assertThat(channel.finishAndReleaseAll()).isFalse();
	}

	@Test
	void unencodableMessagesFailTheirWriteAndLeaveTheBatchIntact() {
		EmbeddedChannel channel = new EmbeddedChannel(new RespReplyEncoder());
		channel.write(RespReplies.OK, channel.voidPromise());
		ChannelFuture failed = channel
			.write(new ArrayRedisMessage(List.of(RespReplies.bulk("partial"), new RedisMessage() {
			})));
		assertThat(failed.isSuccess()).isFalse();
		channel.flush();
		assertThat(readText(channel)).isEqualTo("+OK\r\n");
		channel.finishAndReleaseAll();
	}

	private static String readText(EmbeddedChannel channel) {
		ByteBuf buffer = channel.readOutbound();
		try {
			return buffer.toString(StandardCharsets.ISO_8859_1);
		}
		finally {
			buffer.release();
		}
	}

}
