package dev.socketserver.demo.resp;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.redis.RedisMessage;

/**
 * Codec of the RESP2 key-value server: requests are decoded into {@link RespCommand}s by a bounded
 * {@link RespDecoder}; replies are Netty's {@link RedisMessage} types and {@link BulkReply}, written by
 * {@link RespReplyEncoder}. It runs inside the connection's stage, so the replies to a pipelined read leave in one
 * buffer without crossing a pipeline handler each, and a request over the limits or malformed closes its connection
 * like any frame the server refuses ({@code FRAME_TOO_LARGE}, {@code DECODE_ERROR}).
 */
final class RespCodec implements MessageCodec<RedisMessage> {

	private final RespLimits limits;

	RespCodec(RespLimits limits) {
		this.limits = limits;
	}

	@Override
	public MessageDecoder<RedisMessage> newDecoder() {
		return new RespDecoder(this.limits);
	}

	@Override
	public void encode(RedisMessage message, ByteBuf out) {
		RespReplyEncoder.encode(message, out);
	}

	@Override
	public int sizeHint(RedisMessage message) {
		return RespReplyEncoder.sizeHint(message);
	}

	@Override
	public String toString() {
		return "RESP2 codec (max " + this.limits.maxArguments() + " arguments, " + this.limits.maxBulkLength()
				+ " bytes per argument, " + this.limits.maxCommandLength() + " bytes per command)";
	}

}
