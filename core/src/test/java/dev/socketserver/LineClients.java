package dev.socketserver;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;

/**
 * Many line-protocol clients on one small Netty client group, for tests that need hundreds of live connections.
 * Each client keeps the lines it received.
 */
public final class LineClients implements AutoCloseable {

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final List<Client> clients = new ArrayList<>();

	public List<Client> connect(int port, int count) {
		List<Client> connected = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Client client = new Client();
			Channel channel = new Bootstrap().group(this.group)
				.channel(NioSocketChannel.class)
				.handler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						ch.pipeline()
							.addLast(new LineBasedFrameDecoder(64 * 1024), new StringDecoder(StandardCharsets.UTF_8),
									new StringEncoder(StandardCharsets.UTF_8), client);
					}
				})
				.connect(new InetSocketAddress("127.0.0.1", port))
				.syncUninterruptibly()
				.channel();
			client.channel = channel;
			connected.add(client);
		}
		this.clients.addAll(connected);
		return connected;
	}

	@Override
	public void close() {
		for (Client client : this.clients) {
			client.channel.close();
		}
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/**
	 * One client connection and what it received.
	 */
	public static final class Client extends SimpleChannelInboundHandler<String> {

		private final Queue<String> received = new ConcurrentLinkedQueue<>();

		private volatile Channel channel;

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, String line) {
			this.received.add(line);
		}

		public List<String> received() {
			return new ArrayList<>(this.received);
		}

		public void send(String line) {
			this.channel.writeAndFlush(line + "\n");
		}

		public Channel channel() {
			return this.channel;
		}

		public boolean isOpen() {
			return this.channel.isActive();
		}

	}

}
