package dev.socketserver.benchmarks.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.HdrHistogram.Histogram;

/**
 * Idle load: opens connections, reports {@value #READY_PREFIX}, and holds them without sending anything until
 * {@link #release()} or the hold time ends, so that the server's memory per connection can be measured. Bytes the
 * server sends (heartbeats) are read and dropped; a connection the server closes counts as an error.
 *
 * @since 0.1.0
 */
final class IdleLoad {

	/**
	 * Start of the progress line that says all connections are open.
	 */
	static final String READY_PREFIX = "IDLE-READY";

	private final LoadGeneratorOptions options;

	private final Consumer<String> progress;

	private final CountDownLatch released = new CountDownLatch(1);

	private final AtomicLong bytesReceived = new AtomicLong();

	private volatile boolean releasing;

	IdleLoad(LoadGeneratorOptions options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
	}

	/**
	 * Ends the hold early; safe from any thread.
	 */
	void release() {
		this.released.countDown();
	}

	LoadResult run() throws InterruptedException {
		try (Client client = new Client(this.options)) {
			Bootstrap bootstrap = client.bootstrap(new IdleHandler(client));
			long start = System.nanoTime();
			List<Channel> channels = client.connectAll(bootstrap, this.options.connections());
			double seconds = (System.nanoTime() - start) / 1e9;
			this.progress.accept(READY_PREFIX + " connected=" + channels.size() + " errors=" + client.errors().total()
					+ " seconds=" + String.format(Locale.ROOT, "%.2f", seconds));
			if (!this.released.await(this.options.hold().toMillis(), TimeUnit.MILLISECONDS)) {
				this.progress.accept("Hold time of " + this.options.hold().toSeconds() + " s over; closing");
			}
			this.releasing = true;
			long stillOpen = channels.stream().filter(Channel::isActive).count();
			Client.closeAll(channels);
			ErrorLog errors = client.errors();
			return new LoadResult(this.options, stillOpen, seconds, 0, this.bytesReceived.get(), new Histogram(3),
					errors.total(), errors.summary(), 0, -1, -1);
		}
	}

	@Sharable
	private final class IdleHandler extends ChannelInboundHandlerAdapter {

		private final Client client;

		IdleHandler(Client client) {
			this.client = client;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof ByteBuf buffer) {
				IdleLoad.this.bytesReceived.addAndGet(buffer.readableBytes());
			}
			ReferenceCountUtil.release(msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (!IdleLoad.this.releasing) {
				this.client.errors().record("idle connection closed by server", ctx.channel().localAddress());
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.client.errors().record("exception", cause);
			ctx.close();
		}

	}

}
