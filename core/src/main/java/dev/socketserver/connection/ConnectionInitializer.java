package dev.socketserver.connection;

import java.util.List;

import dev.socketserver.codec.ChannelHandlerCodec;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.proxy.ProxyProtocolMode;
import dev.socketserver.ssl.ServerSsl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;

/**
 * Assembles each connection's pipeline in a fixed order: the PROXY protocol stage (the header precedes
 * everything on the wire, TLS included), TLS, codec handlers (for {@link ChannelHandlerCodec}s), the connection
 * itself, then the application's customizations.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel> {

	static final String TLS_HANDLER_NAME = "tls";

	private final ConnectionManager manager;

	ConnectionInitializer(ConnectionManager manager) {
		this.manager = manager;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		ChannelConnection connection = this.manager.newConnection(channel);
		ProxyProtocol proxy = this.manager.proxyProtocol;
		if (proxy != null) {
			boolean trusted = proxy.isTrusted(ConnectionManager.addressOf(channel));
			pipeline.addLast(ProxyProtocolHandler.NAME, ProxyProtocolHandler.detector(connection, trusted,
					proxy.mode() == ProxyProtocolMode.REQUIRED));
			if (trusted) {
				connection.awaitProxyHeader();
			}
		}
		ServerSsl ssl = this.manager.ssl;
		if (ssl != null) {
			SslHandler handler = ssl.newHandler(channel.alloc());
			pipeline.addLast(TLS_HANDLER_NAME, handler);
			connection.awaitHandshake(handler);
		}
		if (this.manager.codec instanceof ChannelHandlerCodec<?> codec) {
			pipeline.addLast(TrafficCounter.NAME, new TrafficCounter(connection));
			List<ChannelHandler> handlers = codec.newHandlers();
			for (int i = 0; i < handlers.size(); i++) {
				pipeline.addLast("codec-" + i, handlers.get(i));
			}
		}
		pipeline.addLast(ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME, connection);
		for (ChannelPipelineCustomizer customizer : this.manager.pipelineCustomizers()) {
			customizer.customize(pipeline);
		}
	}

}
