package dev.socketserver.connection;

import java.util.List;

import dev.socketserver.codec.ChannelHandlerCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/**
 * Assembles each connection's pipeline in a fixed order: codec handlers (for {@link ChannelHandlerCodec}s), the
 * connection itself, then the application's customizations.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel> {

	private final ConnectionManager manager;

	ConnectionInitializer(ConnectionManager manager) {
		this.manager = manager;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		if (this.manager.codec instanceof ChannelHandlerCodec<?> codec) {
			List<ChannelHandler> handlers = codec.newHandlers();
			for (int i = 0; i < handlers.size(); i++) {
				pipeline.addLast("codec-" + i, handlers.get(i));
			}
		}
		pipeline.addLast(ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME, this.manager.newConnection(channel));
		for (ChannelPipelineCustomizer customizer : this.manager.pipelineCustomizers()) {
			customizer.customize(pipeline);
		}
	}

}
