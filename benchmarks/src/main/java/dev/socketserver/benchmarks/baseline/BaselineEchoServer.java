package dev.socketserver.benchmarks.baseline;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.benchmarks.Options;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hand-written Netty 4.2 echo server: the reference the product must match. Serves the demo application's framings
 * on two ports, with the product's socket defaults (backlog 1024, TCP_NODELAY, SO_KEEPALIVE, SO_REUSEADDR, write
 * water marks 32/64 KiB) and one acceptor thread; echoes each frame as read and flushes once per read batch.
 * Nothing more: no registry, no heartbeat, no metrics.
 *
 * @since 0.1.0
 */
public final class BaselineEchoServer implements AutoCloseable {

	/**
	 * Command-line help.
	 */
	public static final String USAGE = """
			Usage: java -cp socket-server-benchmarks.jar dev.socketserver.benchmarks.baseline.BaselineEchoServer
			  --port P                 length-field echo port (default 7100, 0 = any free port)
			  --line-port P            line echo port (default 7101, 0 = any free port, -1 = none)
			  --json-port P            JSON echo port, newline-delimited, Jackson (default -1 = none)
			  --transport T            auto (epoll, else io_uring, else nio), io_uring, epoll, nio (default auto)
			  --worker-threads N       worker event loops (default 1)
			  --max-frame-length SIZE  longest frame or line accepted (default 1m, as the demo application)
			Runs until stopped (SIGTERM or Ctrl-C).
			""";

	private final NettyTransport transport;

	private final int workerThreads;

	private final EventLoopGroup bossGroup;

	private final EventLoopGroup workerGroup;

	private final Channel lengthFieldChannel;

	private final Channel lineChannel;

	private final Channel jsonChannel;

	private BaselineEchoServer(NettyTransport transport, int workerThreads, int port, int linePort, int jsonPort,
			int maxFrameLength) {
		this.transport = transport.resolve();
		this.workerThreads = workerThreads;
		this.bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("baseline-boss"),
				this.transport.ioHandlerFactory());
		this.workerGroup = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("baseline-worker"),
				this.transport.ioHandlerFactory());
		try {
			this.lengthFieldChannel = bind(port, new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new LengthFieldBasedFrameDecoder(maxFrameLength, 0, 4, 0, 4),
								new LengthFieldPrepender(4), EchoHandler.INSTANCE);
				}

			});
			this.lineChannel = (linePort < 0) ? this.lengthFieldChannel : bind(linePort,
					new ChannelInitializer<SocketChannel>() {

						@Override
						protected void initChannel(SocketChannel channel) {
							// The delimiter stays in the frame: echoing the frame as read echoes the line.
							channel.pipeline()
								.addLast(new LineBasedFrameDecoder(maxFrameLength, false, true), EchoHandler.INSTANCE);
						}

					});
			// Jackson's mapper is built now, not on the first connection.
			JsonEchoHandler json = JsonEchoHandler.INSTANCE;
			this.jsonChannel = (jsonPort < 0) ? null : bind(jsonPort, new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new LineBasedFrameDecoder(maxFrameLength, true, true), json);
				}

			});
		}
		catch (Exception ex) {
			// Netty rethrows a failed bind's checked exception unchecked: stop the loops whatever it is.
			close();
			throw ex;
		}
	}

	/**
	 * Starts a baseline server.
	 * @param transport the transport
	 * @param workerThreads the number of worker event loops
	 * @param port the length-field echo port, 0 for any free port
	 * @param linePort the line echo port, 0 for any free port, -1 for none
	 * @param maxFrameLength longest frame or line accepted
	 * @return the running server
	 */
	public static BaselineEchoServer start(NettyTransport transport, int workerThreads, int port, int linePort,
			int maxFrameLength) {
		return new BaselineEchoServer(transport, workerThreads, port, linePort, -1, maxFrameLength);
	}

	/**
	 * Starts a baseline server with a JSON echo too.
	 * @param transport the transport
	 * @param workerThreads the number of worker event loops
	 * @param port the length-field echo port, 0 for any free port
	 * @param linePort the line echo port, 0 for any free port, -1 for none
	 * @param jsonPort the JSON echo port, 0 for any free port, -1 for none
	 * @param maxFrameLength longest frame or line accepted
	 * @return the running server
	 */
	public static BaselineEchoServer start(NettyTransport transport, int workerThreads, int port, int linePort,
			int jsonPort, int maxFrameLength) {
		return new BaselineEchoServer(transport, workerThreads, port, linePort, jsonPort, maxFrameLength);
	}

	/**
	 * Runs a baseline server until the process is stopped.
	 * @param args options, see {@link #USAGE}
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		if (Arrays.asList(args).contains("--help")) {
			System.out.print(USAGE);
			return;
		}
		BaselineEchoServer server;
		try {
			Options options = Options.parse("baseline echo server", args);
			NettyTransport transport = NettyTransport.parse(options.string("transport", "auto"));
			int workerThreads = options.integer("worker-threads", 1);
			int port = options.integer("port", 7100);
			int linePort = options.integer("line-port", 7101);
			int jsonPort = options.integer("json-port", -1);
			int maxFrameLength = options.size("max-frame-length", 1024 * 1024);
			options.rejectUnknown();
			server = start(transport, workerThreads, port, linePort, jsonPort, maxFrameLength);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "baseline-shutdown"));
		System.out.printf(Locale.ROOT, "Baseline echo server: length-field echo on port %d, line echo on port %d, "
				+ "JSON echo on port %d, transport %s, %d worker thread(s)%n", server.port(), server.linePort(),
				server.jsonPort(), server.transport(), server.workerThreads);
		System.out.flush();
		stopped.await();
	}

	private Channel bind(int port, ChannelHandler initializer) {
		return new ServerBootstrap().group(this.bossGroup, this.workerGroup)
			.channel(this.transport.serverChannelClass())
			.option(ChannelOption.SO_BACKLOG, 1024)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.SO_KEEPALIVE, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
			.childHandler(initializer)
			.bind(port)
			.syncUninterruptibly()
			.channel();
	}

	/**
	 * Returns the bound length-field echo port.
	 * @return the port
	 */
	public int port() {
		return ((InetSocketAddress) this.lengthFieldChannel.localAddress()).getPort();
	}

	/**
	 * Returns the bound line echo port.
	 * @return the port, or the length-field port when there is no line echo
	 */
	public int linePort() {
		return ((InetSocketAddress) this.lineChannel.localAddress()).getPort();
	}

	/**
	 * Returns the bound JSON echo port.
	 * @return the port, or -1 when there is no JSON echo
	 */
	public int jsonPort() {
		return (this.jsonChannel != null) ? ((InetSocketAddress) this.jsonChannel.localAddress()).getPort() : -1;
	}

	/**
	 * Returns the transport in use.
	 * @return a concrete transport
	 */
	public NettyTransport transport() {
		return this.transport;
	}

	/**
	 * Closes the ports and stops the event loops.
	 */
	@Override
	public void close() {
		this.bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
		this.workerGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	/**
	 * Writes every frame back as read and flushes once per read batch.
	 */
	@Sharable
	static final class EchoHandler extends ChannelInboundHandlerAdapter {

		static final EchoHandler INSTANCE = new EchoHandler();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ctx.write(msg, ctx.voidPromise());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

	/**
	 * Parses each line to a Jackson tree and writes the tree back, ended by a line feed, as a Netty developer would
	 * with Jackson: the same work as the demo's JSON codec (parse from the frame's bytes, serialize into the
	 * outbound buffer), without its type routing, validation or error replies. Flushes once per read batch.
	 */
	@Sharable
	static final class JsonEchoHandler extends ChannelInboundHandlerAdapter {

		static final JsonEchoHandler INSTANCE = new JsonEchoHandler();

		private final JsonMapper mapper = JsonMapper.builder().build();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			ByteBuf out = null;
			try {
				JsonNode node = this.mapper.readTree((InputStream) new ByteBufInputStream(frame));
				out = ctx.alloc().ioBuffer(frame.writerIndex() + 16);
				this.mapper.writeValue((OutputStream) new ByteBufOutputStream(out), node);
				out.writeByte('\n');
				ctx.write(out, ctx.voidPromise());
				out = null;
			}
			finally {
				frame.release();
				if (out != null) {
					out.release();
				}
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
