package dev.socketserver.benchmarks.loadgen;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;

/**
 * Echo load: every connection keeps {@code pipeline} frames in flight, sending the next one when an echo arrives,
 * and checks every echoed byte. Latency is the time from writing a frame to receiving its echo.
 *
 * @since 0.1.0
 */
final class EchoLoad {

	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);

	private final LoadGeneratorOptions options;

	private final Consumer<String> progress;

	private final Payloads payloads;

	private final AtomicLong connectionIds = new AtomicLong();

	private final AtomicInteger active = new AtomicInteger();

	private final long quotaPerConnection;

	private volatile boolean stopping;

	EchoLoad(LoadGeneratorOptions options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
		this.payloads = new Payloads(options.protocol(), options.payloadSize());
		this.quotaPerConnection = Math.max(1, options.maxMessages() / options.connections());
	}

	LoadResult run() throws InterruptedException {
		try (Client client = new Client(this.options)) {
			Bootstrap bootstrap = client.bootstrap(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(EchoLoad.this.payloads.newFrameDecoder(),
								new EchoClientHandler(client, client.stats(channel),
									EchoLoad.this.connectionIds.getAndIncrement()));
				}

			});
			List<Channel> channels = client.connectAll(bootstrap, this.options.connections());
			this.progress.accept("Connected " + channels.size() + " of " + this.options.connections()
					+ " connection(s); warming up for " + this.options.warmup().toMillis() + " ms");
			MeasuredWindow window = new MeasuredWindow(this.options);
			MeasuredWindow.waitWhile(this.options.warmup(), () -> this.active.get() > 0);
			client.startWindow(window);
			MeasuredWindow.waitWhile(this.options.duration(), () -> this.active.get() > 0);
			LoopStats.Snapshot measured = client.endWindow(window);
			this.stopping = true;
			if (MeasuredWindow.waitWhile(this.options.drainTimeout(), () -> this.active.get() > 0)) {
				// Connections still waiting for echoes are closed below and counted as errors by their handler.
				this.progress.accept("Echoes outstanding after " + this.options.drainTimeout().toMillis() + " ms");
			}
			Client.closeAll(channels);
			// A close completes its future before channelInactive runs, in a later task on the channel's loop:
			// without this wait, the errors recorded there for echoes still outstanding could be read too early.
			if (MeasuredWindow.waitWhile(SETTLE_TIMEOUT, () -> this.active.get() > 0)) {
				client.errors().record("connections unsettled after close", this.active.get());
			}
			long verified = client.snapshot().verifiedBytes();
			ErrorLog errors = client.errors();
			return new LoadResult(this.options, channels.size(), window.seconds(), measured.messages(),
					measured.bytes(), measured.latency(), errors.total(), errors.summary(), verified,
					window.serverCpuNanos(), window.clientCpuNanos());
		}
	}

	/**
	 * One connection of the echo load. Sequence numbers tell which frame an echo must match; send times sit in a
	 * ring as long as the pipeline, since echoes come back in order.
	 */
	private final class EchoClientHandler extends ChannelInboundHandlerAdapter {

		private final Client client;

		private final long id;

		private final long[] sentAt;

		private final LoopStats stats;

		private long nextToSend;

		private long nextExpected;

		private boolean finished;

		EchoClientHandler(Client client, LoopStats stats, long id) {
			this.client = client;
			this.stats = stats;
			this.id = id;
			this.sentAt = new long[EchoLoad.this.options.pipeline()];
		}

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			// Counted before the connect completes, so the connecting thread never sees a connected channel missing.
			EchoLoad.this.active.incrementAndGet();
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			for (int i = 0; i < this.sentAt.length && this.nextToSend < EchoLoad.this.quotaPerConnection; i++) {
				send(ctx);
			}
			ctx.flush();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf echo = (ByteBuf) msg;
			try {
				if (this.finished) {
					return;
				}
				long sequence = this.nextExpected++;
				if (sequence >= this.nextToSend) {
					this.client.errors().record("unexpected echo", "connection " + this.id + " got more than it sent");
					finish(ctx);
					return;
				}
				if (!EchoLoad.this.payloads.verify(echo, this.id, sequence)) {
					this.client.errors().record("verification failed",
							EchoLoad.this.payloads.describeMismatch(echo, this.id, sequence));
					finish(ctx);
					return;
				}
				this.stats.record(System.nanoTime() - this.sentAt[(int) (sequence % this.sentAt.length)],
						EchoLoad.this.payloads.payloadSize());
				if (!EchoLoad.this.stopping && this.nextToSend < EchoLoad.this.quotaPerConnection) {
					send(ctx);
				}
				else if (this.nextExpected == this.nextToSend) {
					finish(ctx);
				}
			}
			finally {
				echo.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (!this.finished) {
				this.client.errors().record("connection closed with echoes outstanding",
						"connection " + this.id + ": " + (this.nextToSend - this.nextExpected) + " outstanding");
				this.finished = true;
				EchoLoad.this.active.decrementAndGet();
			}
		}

		@Override
		public void channelUnregistered(ChannelHandlerContext ctx) {
			// A failed connect never becomes active; connectAll counted the failure.
			if (!this.finished) {
				this.finished = true;
				EchoLoad.this.active.decrementAndGet();
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// Once finished (a failed check closed the connection) writes still queued fail: not a new error.
			if (!this.finished) {
				this.client.errors().record("exception", cause);
			}
			finish(ctx);
		}

		private void send(ChannelHandlerContext ctx) {
			long sequence = this.nextToSend++;
			this.sentAt[(int) (sequence % this.sentAt.length)] = System.nanoTime();
			ctx.write(EchoLoad.this.payloads.frame(ctx.alloc(), this.id, sequence), ctx.voidPromise());
		}

		private void finish(ChannelHandlerContext ctx) {
			if (!this.finished) {
				this.finished = true;
				EchoLoad.this.active.decrementAndGet();
			}
			ctx.close();
		}

	}

}
