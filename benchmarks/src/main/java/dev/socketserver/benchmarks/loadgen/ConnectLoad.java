package dev.socketserver.benchmarks.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.AttributeKey;

/**
 * Connect/close load: each of {@code concurrency} slots opens a connection, sends one frame, checks its echo,
 * closes, and starts over. A "message" of this load is one such cycle; its latency runs from connect to echo.
 * The client closes first, so TIME_WAIT stays on the client side, spread over the source addresses.
 *
 * @since 0.1.0
 */
final class ConnectLoad {

	private static final long RETRY_DELAY_MILLIS = 10;

	/** Marks channels whose pipeline got a {@link CycleHandler}, which then carries its slot on. */
	private static final AttributeKey<Boolean> CYCLE = AttributeKey.valueOf(ConnectLoad.class, "cycle");

	private final LoadGeneratorOptions options;

	private final Consumer<String> progress;

	private final Payloads payloads;

	private final AtomicLong cycles = new AtomicLong();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicInteger runningSlots = new AtomicInteger();

	private volatile boolean stopping;

	ConnectLoad(LoadGeneratorOptions options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
		this.payloads = new Payloads(options.protocol(), options.payloadSize());
	}

	LoadResult run() throws InterruptedException {
		try (Client client = new Client(this.options)) {
			Slots slots = new Slots(client);
			this.runningSlots.set(this.options.concurrency());
			for (int i = 0; i < this.options.concurrency(); i++) {
				slots.startCycle();
			}
			this.progress.accept("Running " + this.options.concurrency() + " connect/close slot(s); warming up for "
					+ this.options.warmup().toMillis() + " ms");
			MeasuredWindow window = new MeasuredWindow(this.options);
			MeasuredWindow.waitWhile(this.options.warmup(), () -> this.runningSlots.get() > 0);
			client.startWindow(window);
			MeasuredWindow.waitWhile(this.options.duration(), () -> this.runningSlots.get() > 0);
			LoopStats.Snapshot measured = client.endWindow(window);
			this.stopping = true;
			if (MeasuredWindow.waitWhile(this.options.drainTimeout(), () -> this.runningSlots.get() > 0)) {
				client.errors().record("connect/close cycles stuck at end", this.runningSlots.get());
			}
			long verified = client.snapshot().verifiedBytes();
			ErrorLog errors = client.errors();
			return new LoadResult(this.options, this.cycles.get(), window.seconds(), measured.messages(),
					measured.bytes(), measured.latency(), errors.total(), errors.summary(), verified,
					window.serverCpuNanos(), window.clientCpuNanos());
		}
	}

	/**
	 * The connect/close slots: each ended cycle starts the next one of its slot until the load stops.
	 */
	private final class Slots {

		private final Client client;

		private final Bootstrap bootstrap;

		Slots(Client client) {
			this.client = client;
			this.bootstrap = client.bootstrap(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.attr(CYCLE).set(Boolean.TRUE);
					channel.pipeline()
						.addLast(ConnectLoad.this.payloads.newFrameDecoder(),
								new CycleHandler(Slots.this, client.stats(channel)));
				}

			});
		}

		void startCycle() {
			if (ConnectLoad.this.stopping || ConnectLoad.this.cycles.get() >= ConnectLoad.this.options.maxMessages()) {
				ConnectLoad.this.runningSlots.decrementAndGet();
				return;
			}
			ChannelFuture connect = this.client.connect(this.bootstrap, ConnectLoad.this.cycles.getAndIncrement());
			connect.addListener((ChannelFuture attempt) -> {
				if (!attempt.isSuccess()) {
					this.client.errors().record("connect failed", attempt.cause());
					if (!attempt.channel().hasAttr(CYCLE)) {
						// The channel was never registered (no socket, e.g. too many open files): no handler will
						// carry the slot on, so carry it on here.
						this.client.schedule(this::startCycle, RETRY_DELAY_MILLIS);
					}
				}
			});
		}

	}

	/**
	 * One connect, echo and close cycle. Its end, successful or not, starts the slot's next cycle.
	 */
	private final class CycleHandler extends ChannelInboundHandlerAdapter {

		private final Slots slots;

		private final LoopStats stats;

		private final long id = ConnectLoad.this.ids.getAndIncrement();

		private final long begin = System.nanoTime();

		private boolean echoed;

		CycleHandler(Slots slots, LoopStats stats) {
			this.slots = slots;
			this.stats = stats;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			ctx.writeAndFlush(ConnectLoad.this.payloads.frame(ctx.alloc(), this.id, 0), ctx.voidPromise());
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf echo = (ByteBuf) msg;
			try {
				if (this.echoed) {
					this.slots.client.errors().record("unexpected echo", "cycle " + this.id + " got more than one");
				}
				else if (ConnectLoad.this.payloads.verify(echo, this.id, 0)) {
					this.echoed = true;
					this.stats.record(System.nanoTime() - this.begin, ConnectLoad.this.payloads.payloadSize());
				}
				else {
					this.slots.client.errors().record("verification failed",
							ConnectLoad.this.payloads.describeMismatch(echo, this.id, 0));
				}
			}
			finally {
				echo.release();
			}
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (!this.echoed) {
				this.slots.client.errors().record("connection closed before its echo", "cycle " + this.id);
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.slots.client.errors().record("exception", cause);
			ctx.close();
		}

		@Override
		public void channelUnregistered(ChannelHandlerContext ctx) {
			if (this.echoed) {
				this.slots.startCycle();
			}
			else {
				// Back off after a failure so that a refused or exhausted address does not spin the loop.
				ctx.channel().eventLoop().schedule(this.slots::startCycle, RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
			}
		}

	}

}
