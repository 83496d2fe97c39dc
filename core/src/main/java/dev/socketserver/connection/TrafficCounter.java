package dev.socketserver.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes of a connection whose codec is made of Netty handlers, where the connection itself sees only
 * decoded messages. Sits just before the codec's handlers, so it counts what they decode and encode (after TLS),
 * as the connection does for inline codecs.
 */
final class TrafficCounter extends ChannelDuplexHandler {

	static final String NAME = "traffic";

	private final ChannelConnection connection;

	TrafficCounter(ChannelConnection connection) {
		this.connection = connection;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf buffer) {
			this.connection.bytesIn += buffer.readableBytes();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof ByteBuf buffer) {
			this.connection.outbound.countSent(buffer.readableBytes());
		}
		ctx.write(msg, promise);
	}

}
