package dev.socketserver.demo.resp;

import java.util.List;

import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline stage that turns a connection's bytes into {@link RespCommand}s with a {@link RespDecoder}.
 * <p>
 * A request over the {@link RespLimits} or malformed closes the connection at once with
 * {@link CloseReason#FRAME_TOO_LARGE} or {@link CloseReason#DECODE_ERROR}, logged here in one line; whatever the
 * client sent after it is discarded unread, so nothing is decoded or reported twice.
 */
final class RespFrameDecoder extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(RespFrameDecoder.class);

	private final RespDecoder decoder;

	private boolean failed;

	RespFrameDecoder(RespLimits limits) {
		this.decoder = new RespDecoder(limits);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (this.failed) {
			in.skipBytes(in.readableBytes());
			return;
		}
		try {
			RespCommand command = this.decoder.decode(in);
			if (command != null) {
				out.add(command);
			}
		}
		catch (RuntimeException ex) {
			this.failed = true;
			in.skipBytes(in.readableBytes());
			throw ex;
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		CloseReason reason = (cause instanceof TooLongFrameException) ? CloseReason.FRAME_TOO_LARGE
				: (cause instanceof CorruptedFrameException) ? CloseReason.DECODE_ERROR : null;
		ChannelHandler handler = ctx.pipeline().get(ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME);
		if (reason == null || !(handler instanceof Connection connection)) {
			ctx.fireExceptionCaught(cause);
			return;
		}
		if (connection.isOpen()) {
			logger.warn("Closing connection {} from {} on socket server '{}': {} ({})", connection.id(),
					connection.remoteAddress(), connection.serverName(), reason, cause.getMessage());
			connection.close(reason);
		}
	}

}
