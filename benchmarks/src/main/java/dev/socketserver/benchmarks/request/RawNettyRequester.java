package dev.socketserver.benchmarks.request;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.socketserver.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The reference: what a Netty developer writes by hand for requests to a device. Length-field framing, a map
 * from sequence number to the pending request, a timeout scheduled per request and cancelled by its reply,
 * writes during a read flushed once at its end.
 */
final class RawNettyRequester implements Requester {

	private final EventLoopGroup group;

	private final List<Correlating> connections = new ArrayList<>();

	RawNettyRequester(NettyTransport transport, InetSocketAddress server, int connections, long timeoutNanos)
			throws InterruptedException {
		NettyTransport resolved = transport.resolveForClient();
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("raw-requester"),
				resolved.ioHandlerFactory());
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(resolved.channelClass())
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					Correlating correlating = new Correlating(timeoutNanos);
					channel.pipeline()
						.addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4), new LengthFieldPrepender(4),
								correlating);
				}

			});
		for (int i = 0; i < connections; i++) {
			Channel channel = bootstrap.connect(server).sync().channel();
			this.connections.add(channel.pipeline().get(Correlating.class));
		}
	}

	@Override
	public EventLoop loop() {
		return (EventLoop) this.group.next();
	}

	@Override
	public CompletionStage<byte[]> request(int slot, byte[] payload) {
		return this.connections.get(slot % this.connections.size()).request(payload);
	}

	@Override
	public void flush() {
		this.connections.forEach(Correlating::flush);
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	/**
	 * The pending requests of one connection; everything on its event loop.
	 */
	static final class Correlating extends ChannelInboundHandlerAdapter {

		private final long timeoutNanos;

		private final IntObjectHashMap<Pending> pending = new IntObjectHashMap<>();

		private ChannelHandlerContext ctx;

		private int nextSequence;

		private boolean reading;

		Correlating(long timeoutNanos) {
			this.timeoutNanos = timeoutNanos;
		}

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			this.ctx = ctx;
		}

		CompletionStage<byte[]> request(byte[] payload) {
			int sequence = this.nextSequence++;
			CompletableFuture<byte[]> reply = new CompletableFuture<>();
			ScheduledFuture<?> timeout = this.ctx.executor().schedule(() -> {
				Pending expired = this.pending.remove(sequence);
				if (expired != null) {
					expired.reply.completeExceptionally(new TimeoutException("No reply to " + sequence));
				}
			}, this.timeoutNanos, TimeUnit.NANOSECONDS);
			this.pending.put(sequence, new Pending(reply, timeout));
			ByteBuf frame = this.ctx.alloc().ioBuffer(payload.length);
			frame.writeInt(sequence).writeBytes(payload, 4, payload.length - 4);
			this.ctx.write(frame, this.ctx.voidPromise());
			return reply;
		}

		void flush() {
			this.ctx.flush();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			this.reading = true;
			ByteBuf frame = (ByteBuf) msg;
			try {
				Pending request = this.pending.remove(frame.getInt(frame.readerIndex()));
				if (request != null) {
					request.timeout.cancel(false);
					request.reply.complete(ByteBufUtil.getBytes(frame));
				}
			}
			finally {
				frame.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			if (this.reading) {
				this.reading = false;
				ctx.flush();
			}
			ctx.fireChannelReadComplete();
		}

		private record Pending(CompletableFuture<byte[]> reply, ScheduledFuture<?> timeout) {
		}

	}

}
