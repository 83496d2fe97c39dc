package dev.socketserver.benchmarks.loadgen;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import dev.socketserver.benchmarks.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

/**
 * Client side of a load generator run: event loops, one {@link LoopStats} per loop, and paced connection opening
 * spread over loopback source addresses.
 *
 * @since 0.1.0
 */
final class Client implements AutoCloseable {

	private final LoadGeneratorOptions options;

	private final NettyTransport transport;

	private final EventLoopGroup group;

	private final Map<EventExecutor, LoopStats> stats = new IdentityHashMap<>();

	private final InetSocketAddress remote;

	private final List<InetSocketAddress> sources = new ArrayList<>();

	private final ErrorLog errors = new ErrorLog();

	Client(LoadGeneratorOptions options) {
		this.options = options;
		this.transport = options.transport().resolveForClient();
		this.group = new MultiThreadIoEventLoopGroup(options.threads(), new DefaultThreadFactory("loadgen"),
				this.transport.ioHandlerFactory());
		for (EventExecutor loop : this.group) {
			this.stats.put(loop, new LoopStats());
		}
		this.remote = new InetSocketAddress(options.host(), options.port());
		for (int i = 0; i < options.sourceAddresses(); i++) {
			this.sources.add(new InetSocketAddress("127.0.0." + (2 + i), 0));
		}
	}

	ErrorLog errors() {
		return this.errors;
	}

	/**
	 * Returns the figures of the loop a channel belongs to; the map is complete before the first connection.
	 */
	LoopStats stats(Channel channel) {
		return this.stats.get(channel.eventLoop());
	}

	Bootstrap bootstrap(ChannelHandler handler) {
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(this.transport.channelClass())
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.options.connectTimeout().toMillis())
			.handler(handler);
		if (this.transport == NettyTransport.EPOLL && !this.sources.isEmpty()) {
			// The port is then chosen at connect() by the full 4-tuple, not at bind() per source address: many
			// more connections fit, and TIME_WAIT from connect/close loads is less likely to exhaust ports.
			bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
		}
		return bootstrap;
	}

	ChannelFuture connect(Bootstrap bootstrap, long index) {
		if (this.sources.isEmpty()) {
			return bootstrap.connect(this.remote);
		}
		return bootstrap.connect(this.remote, this.sources.get((int) (index % this.sources.size())));
	}

	/**
	 * Opens connections at the configured rate with a bounded number of attempts in progress, and waits, bounded,
	 * for all attempts to end.
	 * @return the open channels; failures are in {@link #errors()}
	 */
	List<Channel> connectAll(Bootstrap bootstrap, int count) throws InterruptedException {
		Queue<Channel> channels = new ConcurrentLinkedQueue<>();
		Semaphore pending = new Semaphore(this.options.maxPendingConnects());
		CountDownLatch done = new CountDownLatch(count);
		long timeoutNanos = this.options.connectTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
		long start = System.nanoTime();
		int started = 0;
		for (; started < count; started++) {
			if (this.options.connectRate() > 0) {
				long wait = start + (long) (started * 1e9 / this.options.connectRate()) - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
			}
			if (!pending.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
				this.errors.record("connect stalled", "no attempt finished within " + this.options.connectTimeout());
				break;
			}
			ChannelFuture future = connect(bootstrap, started);
			future.addListener((ChannelFuture attempt) -> {
				pending.release();
				if (attempt.isSuccess()) {
					channels.add(attempt.channel());
				}
				else {
					this.errors.record("connect failed", attempt.cause());
				}
				done.countDown();
			});
		}
		for (int i = started; i < count; i++) {
			done.countDown();
		}
		if (!done.await(timeoutNanos, TimeUnit.NANOSECONDS)) {
			this.errors.record("connect timed out", done.getCount());
		}
		return new ArrayList<>(channels);
	}

	/**
	 * Runs a task on every loop and waits, bounded, for all of them; the first loop runs {@code first} too, in the
	 * same task, so that what it samples lines up with that loop's figures.
	 */
	private List<LoopStats.Snapshot> onEveryLoop(Function<LoopStats, LoopStats.Snapshot> task, Runnable first) {
		List<Future<LoopStats.Snapshot>> futures = new ArrayList<>();
		boolean[] isFirst = { true };
		this.stats.forEach((loop, loopStats) -> {
			boolean runFirst = isFirst[0];
			isFirst[0] = false;
			futures.add(loop.submit(() -> {
				if (runFirst) {
					first.run();
				}
				return task.apply(loopStats);
			}));
		});
		List<LoopStats.Snapshot> snapshots = new ArrayList<>();
		for (Future<LoopStats.Snapshot> future : futures) {
			if (future.awaitUninterruptibly(5, TimeUnit.SECONDS) && future.isSuccess()) {
				snapshots.add(future.getNow());
			}
			else {
				this.errors.record("client loop unresponsive", future.cause());
			}
		}
		return Collections.unmodifiableList(snapshots);
	}

	/**
	 * Starts the measured window on every loop; the window's start is taken on the first loop as it resets.
	 */
	void startWindow(MeasuredWindow window) {
		onEveryLoop((loopStats) -> {
			loopStats.reset();
			return loopStats.snapshot();
		}, window::start);
	}

	/**
	 * Ends the measured window: the figures of all loops, the window's end taken on the first loop as it reads.
	 */
	LoopStats.Snapshot endWindow(MeasuredWindow window) {
		return sum(onEveryLoop(LoopStats::snapshot, window::end));
	}

	/**
	 * Returns the figures of all loops now.
	 */
	LoopStats.Snapshot snapshot() {
		return sum(onEveryLoop(LoopStats::snapshot, () -> {
		}));
	}

	private static LoopStats.Snapshot sum(List<LoopStats.Snapshot> snapshots) {
		LoopStats.Snapshot total = LoopStats.Snapshot.empty();
		for (LoopStats.Snapshot snapshot : snapshots) {
			total = total.plus(snapshot);
		}
		return total;
	}

	void schedule(Runnable task, long delayMillis) {
		this.group.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	static void closeAll(List<Channel> channels) {
		List<ChannelFuture> closes = new ArrayList<>(channels.size());
		for (Channel channel : channels) {
			closes.add(channel.close());
		}
		for (ChannelFuture close : closes) {
			close.awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
