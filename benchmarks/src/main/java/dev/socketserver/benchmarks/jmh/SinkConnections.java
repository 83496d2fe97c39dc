package dev.socketserver.benchmarks.jmh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionLimits;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import io.netty.channel.EventLoop;

/**
 * A {@link ConnectionManager} holding many open connections over {@link SinkChannel}s registered on real event
 * loops, set up through the manager's own channel initializer as a server would.
 */
final class SinkConnections implements AutoCloseable {

	/** No deadline at all: the benchmarks measure the registry and sending, not the heartbeat. */
	private static final ConnectionLimits LIMITS = new ConnectionLimits(0, 0, 1024 * 1024, SlowConsumerPolicy.CLOSE,
			Duration.ZERO, HandlerErrorPolicy.CLOSE, Duration.ZERO, Duration.ZERO);

	private static final HeartbeatPolicy NO_HEARTBEAT = new HeartbeatPolicy(Duration.ZERO, Duration.ZERO, 3, false,
			true, false, Duration.ofSeconds(1));

	private final EventLoops eventLoops;

	private final ConnectionManager manager;

	private final List<SinkChannel> channels;

	private final Connection[] connections;

	SinkConnections(int count, int workerThreads, MessageCodec<?> codec, Supplier<SinkChannel> channelFactory) {
		this.eventLoops = EventLoops.builder().transport(Transport.NIO).workerThreads(workerThreads).build();
		SocketHandler<Object> handler = (connection, message) -> {
		};
		this.manager = new ConnectionManager(SocketServerConfig.builder("benchmark")
			.codec(codec)
			.handler(handler)
			.limits((limits) -> LIMITS)
			.heartbeat((heartbeat) -> NO_HEARTBEAT)
			.build(), this.eventLoops, null);
		this.channels = new ArrayList<>(count);
		List<EventLoop> loops = this.eventLoops.workers();
		for (int i = 0; i < count; i++) {
			SinkChannel channel = channelFactory.get();
			channel.pipeline().addLast(this.manager.channelInitializer());
			loops.get(i % loops.size()).register(channel).syncUninterruptibly();
			this.channels.add(channel);
		}
		awaitCount(count);
		this.connections = this.manager.stream().toArray(Connection[]::new);
	}

	ConnectionManager manager() {
		return this.manager;
	}

	/**
	 * Returns the open connections, in the registry's iteration order.
	 */
	Connection[] connections() {
		return this.connections;
	}

	long bytesWritten() {
		long total = 0;
		for (SinkChannel channel : this.channels) {
			total += channel.bytesWritten();
		}
		return total;
	}

	private void awaitCount(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.manager.count() != count) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(
						"Only " + this.manager.count() + " of " + count + " connections opened in time");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	@Override
	public void close() {
		for (SinkChannel channel : this.channels) {
			channel.close();
		}
		for (SinkChannel channel : this.channels) {
			channel.closeFuture().syncUninterruptibly();
		}
		awaitCount(0);
		this.manager.stopHeartbeats();
		this.eventLoops.close();
	}

}
