package dev.socketserver.benchmarks.heartbeat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.socketserver.benchmarks.heartbeat.HeartbeatScaleBenchmark.Scheduler;
import dev.socketserver.benchmarks.jmh.SinkChannel;
import dev.socketserver.codec.FixedLengthFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.ConnectionLimits;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;

/**
 * Many connections of one server on one event loop, whose read-idle deadlines are kept either by our
 * {@link dev.socketserver.heartbeat.DeadlineWheel} or by a Netty {@link IdleStateHandler} per connection, driven
 * second by second on a mock
 * ticker.
 * <p>
 * Both sides run the same production code on the same workload. Every connection is a real connection of the server
 * in the pipeline of its own {@link SinkChannel}, registered on the event loop of an {@link EmbeddedChannel}
 * whose scheduled tasks run only when the simulation says so. With {@link Scheduler#WHEEL} the manager has a
 * read idle timeout and opens its wheel on that loop; with {@link Scheduler#IDLE_STATE_HANDLER} the manager has
 * no deadline at all and an {@code IdleStateHandler} with the same reader timeout sits before each connection, as
 * an application would add it; {@link Scheduler#NONE} has neither, to subtract what is not the heartbeat's.
 * <p>
 * Each simulated second, the connections whose index is congruent to the second modulo the activity period
 * receive one message (a read and a read-complete through their pipeline), then the clock advances one second and
 * the loop runs its due scheduled tasks: the wheel's one tick, or every due {@code IdleStateHandler} task. With an
 * activity period shorter than the timeout no connection ever times out, so the population stays constant and
 * each connection's deadline is checked once per period on both sides.
 */
final class HeartbeatSimulation implements AutoCloseable {

	/** A decoded message as the connection stage sees it; not reference-counted. */
	private static final Object MESSAGE = new Object();

	private static final ConnectionLimits NO_LIMITS = new ConnectionLimits(0, 0, 1024 * 1024,
			SlowConsumerPolicy.CLOSE, Duration.ZERO, HandlerErrorPolicy.CLOSE, Duration.ZERO, Duration.ZERO);

	private final MockTicker ticker = Ticker.newMockTicker();

	private final EmbeddedChannel clock;

	private final EventLoops eventLoops;

	private final ConnectionManager manager;

	private final SinkChannel[] channels;

	private final int activityPeriodSeconds;

	private long elapsedSeconds;

	HeartbeatSimulation(Scheduler scheduler, int connections, Duration readIdleTimeout,
			int activityPeriodSeconds, Supplier<SinkChannel> channelFactory) {
		if (activityPeriodSeconds >= readIdleTimeout.toSeconds()) {
			throw new IllegalArgumentException("Connections active every " + activityPeriodSeconds
					+ "s would time out after " + readIdleTimeout + ": the population would not stay constant");
		}
		this.activityPeriodSeconds = activityPeriodSeconds;
		this.clock = EmbeddedChannel.builder().ticker(this.ticker).build();
		// The manager wants worker loops; the connections live on the embedded loop instead, as test connections do.
		this.eventLoops = EventLoops.builder().transport(Transport.NIO).workerThreads(1).build();
		SocketHandler<Object> handler = (connection, message) -> {
		};
		Duration wheelTimeout = (scheduler == Scheduler.WHEEL) ? readIdleTimeout : Duration.ZERO;
		SocketServerConfig config = SocketServerConfig.builder("heartbeat-scale")
			.codec(MessageCodec.of(new FixedLengthFraming(64), PayloadCodec.bytes()))
			.handler(handler)
			.limits((limits) -> NO_LIMITS)
			.heartbeat((heartbeat) -> new HeartbeatPolicy(wheelTimeout, Duration.ZERO, 3, false, true, false,
					Duration.ofSeconds(1)))
			.build();
		this.manager = new ConnectionManager(config, this.eventLoops, null);
		EventLoop loop = this.clock.eventLoop();
		this.channels = new SinkChannel[connections];
		for (int i = 0; i < connections; i++) {
			SinkChannel channel = channelFactory.get();
			ChannelPipeline pipeline = channel.pipeline();
			if (scheduler == Scheduler.IDLE_STATE_HANDLER) {
				pipeline.addLast(new IdleStateHandler(readIdleTimeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
			}
			pipeline.addLast(this.manager.channelInitializer());
			ChannelFuture registered = loop.register(channel);
			if (!registered.isSuccess()) {
				throw new IllegalStateException("Could not register connection " + i, registered.cause());
			}
			this.channels[i] = channel;
		}
		if (this.manager.count() != connections) {
			throw new IllegalStateException("Only " + this.manager.count() + " of " + connections + " opened");
		}
	}

	/**
	 * Runs one simulated second: this second's share of connections receives a message, then the deadlines due
	 * at the end of the second are processed.
	 * @return the number of connections that received a message
	 */
	int second() {
		SinkChannel[] channels = this.channels;
		int period = this.activityPeriodSeconds;
		int active = 0;
		for (int i = (int) (this.elapsedSeconds % period); i < channels.length; i += period) {
			ChannelPipeline pipeline = channels[i].pipeline();
			pipeline.fireChannelRead(MESSAGE);
			pipeline.fireChannelReadComplete();
			active++;
		}
		this.ticker.advance(1, TimeUnit.SECONDS);
		this.clock.runScheduledPendingTasks();
		this.clock.checkException();
		this.elapsedSeconds++;
		return active;
	}

	/**
	 * Runs simulated seconds, for instance to get past the start, when every connection's first deadline falls in
	 * the same second.
	 */
	void run(int seconds) {
		for (int i = 0; i < seconds; i++) {
			second();
		}
	}

	int connections() {
		return this.channels.length;
	}

	/**
	 * Returns how many connections are still open: all of them, unless a deadline fired.
	 */
	int openConnections() {
		int open = 0;
		for (SinkChannel channel : this.channels) {
			if (channel.isActive()) {
				open++;
			}
		}
		return open;
	}

	SinkChannel channel(int index) {
		return this.channels[index];
	}

	/**
	 * Drops the connections without closing them one by one: the simulation owns every object involved, and
	 * closing a million channels would only slow the benchmark's teardown.
	 */
	@Override
	public void close() {
		this.manager.stopHeartbeats();
		this.eventLoops.close();
		this.clock.close();
	}

}
