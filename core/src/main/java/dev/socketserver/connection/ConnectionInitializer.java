package dev.socketserver.connection;

import java.net.InetSocketAddress;
import java.util.List;

import dev.socketserver.codec.ChannelHandlerCodec;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.proxy.ProxyProtocolHandler;
import dev.socketserver.proxy.ProxyProtocolMode;
import dev.socketserver.ssl.ClientSsl;
import dev.socketserver.ssl.ServerSsl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * Assembles each connection's pipeline in a fixed order: the PROXY protocol stage (the header precedes
 * everything on the wire, TLS included), TLS (a server's, or a client's for the endpoint it connects to), codec
 * handlers (for {@link ChannelHandlerCodec}s), the connection itself, then the application's customizations.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel> {

	static final String TLS_HANDLER_NAME = "tls";

	private final ServerRuntime runtime;

	ConnectionInitializer(ServerRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		ChannelConnection connection = new ChannelConnection(this.runtime, ConnectionIds.next(), channel);
		ConnectionSettings settings = this.runtime.settings;
		ProxyProtocol proxy = settings.proxyProtocol();
		if (proxy != null) {
			boolean trusted = proxy.isTrusted(ConnectionManager.addressOf(channel));
			PeerState peer = connection.peerState();
			pipeline.addLast(ProxyProtocolHandler.NAME,
					ProxyProtocolHandler.detector(peer, trusted, proxy.mode() == ProxyProtocolMode.REQUIRED));
			if (trusted) {
				peer.awaitProxyHeader();
			}
		}
		SslHandler tls = tlsHandler(channel, settings);
		if (tls != null) {
			pipeline.addLast(TLS_HANDLER_NAME, tls);
			connection.peerState().awaitHandshake(tls);
		}
		if (settings.codec() instanceof ChannelHandlerCodec<?> codec) {
			pipeline.addLast(TrafficCounter.NAME, new TrafficCounter(connection));
			List<ChannelHandler> handlers = codec.newHandlers();
			for (int i = 0; i < handlers.size(); i++) {
				pipeline.addLast("codec-" + i, handlers.get(i));
			}
		}
		pipeline.addLast(ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME, connection);
		for (ChannelPipelineCustomizer customizer : settings.pipelineCustomizers()) {
			customizer.customize(pipeline);
		}
	}

	private static @Nullable SslHandler tlsHandler(Channel channel, ConnectionSettings settings) {
		ServerSsl ssl = settings.ssl();
		if (ssl != null) {
			return ssl.newHandler(channel.alloc());
		}
		ClientSsl client = settings.clientSsl();
		if (client == null) {
			return null;
		}
		InetSocketAddress endpoint = channel.attr(ClientSsl.ENDPOINT).get();
		if (endpoint == null) {
			throw new IllegalStateException("Channel " + channel + " of client '" + settings.name()
					+ "' does not say which endpoint it connects to");
		}
		return client.newHandler(channel.alloc(), endpoint.getHostString(), endpoint.getPort());
	}

}
