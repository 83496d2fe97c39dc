package dev.socketserver.demo.resp;

import java.util.List;

import dev.socketserver.codec.ChannelHandlerCodec;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.redis.RedisMessage;

/**
 * Codec of the RESP2 key-value server: requests are decoded into {@link RespCommand}s by a bounded
 * {@link RespFrameDecoder}; replies are Netty's {@link RedisMessage} types, gathered by a
 * {@link RespReplyEncoder} into one buffer per flush.
 */
final class RespCodec implements ChannelHandlerCodec<RedisMessage> {

	private final RespLimits limits;

	RespCodec(RespLimits limits) {
		this.limits = limits;
	}

	@Override
	public List<ChannelHandler> newHandlers() {
		return List.of(new RespFrameDecoder(this.limits), new RespReplyEncoder());
	}

	@Override
	public String toString() {
		return "RESP2 codec (max " + this.limits.maxArguments() + " arguments, " + this.limits.maxBulkLength()
				+ " bytes per argument, " + this.limits.maxCommandLength() + " bytes per command)";
	}

}
