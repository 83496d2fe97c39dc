package dev.socketserver.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptor (boss) and worker event loops shared by the servers and clients of an application: the reactor's main
 * and sub loops; clients' connections are served by the worker loops too. Created once, closed after the last
 * server and client stopped.
 *
 * @since 0.1.0
 */
public final class EventLoops implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EventLoops.class);

	private final Transport transport;

	private final EventLoopGroup bossGroup;

	private final EventLoopGroup workerGroup;

	private final List<EventLoop> workers;

	private final AtomicIntegerArray connectionsPerLoop;

	private final LoopAssignment assignment;

	private EventLoops(Builder builder) {
		this.transport = builder.transport.resolve();
		this.assignment = builder.assignment;
		int workerThreads = (builder.workerThreads > 0) ? builder.workerThreads
				: Runtime.getRuntime().availableProcessors();
		this.connectionsPerLoop = new AtomicIntegerArray(workerThreads);
		this.bossGroup = new MultiThreadIoEventLoopGroup(builder.bossThreads,
				new ThreadPerTaskExecutor(new DefaultThreadFactory(builder.threadNamePrefix + "-boss")),
				this.transport.ioHandlerFactory());
		this.workerGroup = new MultiThreadIoEventLoopGroup(workerThreads,
				new ThreadPerTaskExecutor(new DefaultThreadFactory(builder.threadNamePrefix + "-worker")),
				new CountingChooserFactory(), this.transport.ioHandlerFactory());
		List<EventLoop> loops = new ArrayList<>(workerThreads);
		for (EventExecutor executor : this.workerGroup) {
			loops.add((EventLoop) executor);
		}
		this.workers = Collections.unmodifiableList(loops);
		logger.info("Using {} transport with {} worker event loop(s) ({} assignment)", this.transport, workerThreads,
				this.assignment.name().toLowerCase().replace('_', '-'));
	}

	/**
	 * Starts building event loops.
	 * @return a builder with defaults: transport {@link Transport#AUTO}, one acceptor thread, one worker per core
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the transport in use, never {@link Transport#AUTO}.
	 * @return the transport
	 */
	public Transport transport() {
		return this.transport;
	}

	/**
	 * Returns the group whose loops accept connections.
	 * @return the acceptor group
	 */
	public EventLoopGroup bossGroup() {
		return this.bossGroup;
	}

	/**
	 * Returns the group whose loops serve connections.
	 * @return the worker group
	 */
	public EventLoopGroup workerGroup() {
		return this.workerGroup;
	}

	/**
	 * Returns the worker loops in a stable order; a loop's index in this list identifies it in figures.
	 * @return the worker loops
	 */
	public List<EventLoop> workers() {
		return this.workers;
	}

	/**
	 * Returns the index of a worker loop in {@link #workers()}.
	 * @param loop a worker loop
	 * @return its index, or -1 if it is not one of ours
	 */
	public int indexOf(EventExecutor loop) {
		for (int i = 0; i < this.workers.size(); i++) {
			if (this.workers.get(i) == loop) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Returns how many connections a worker loop serves now, over all servers sharing these loops.
	 * @param loopIndex index in {@link #workers()}
	 * @return the connection count
	 */
	public int connections(int loopIndex) {
		return this.connectionsPerLoop.get(loopIndex);
	}

	/**
	 * Records that a connection served by a worker loop has closed. Called once per connection by the server.
	 * @param loopIndex index in {@link #workers()}
	 */
	public void connectionClosed(int loopIndex) {
		if (loopIndex >= 0) {
			this.connectionsPerLoop.decrementAndGet(loopIndex);
		}
	}

	/**
	 * Returns the assignment policy of new connections to worker loops.
	 * @return the policy
	 */
	public LoopAssignment assignment() {
		return this.assignment;
	}

	/**
	 * Returns the server channel class matching the transport, for a {@code ServerBootstrap}.
	 * @return the server channel class
	 */
	public Class<? extends ServerChannel> serverChannelClass() {
		return this.transport.serverChannelType();
	}

	/**
	 * Returns the client socket channel class matching the transport, for a {@code Bootstrap} of the clients
	 * that share these loops.
	 * @return the socket channel class
	 */
	public Class<? extends SocketChannel> socketChannelClass() {
		return this.transport.socketChannelType();
	}

	/**
	 * Returns whether the loops were shut down or are shutting down.
	 * @return whether the loops are terminating
	 */
	public boolean isShutdown() {
		return this.workerGroup.isShuttingDown() || this.bossGroup.isShuttingDown();
	}

	/**
	 * Shuts the loops down and waits a few seconds for their threads to end.
	 */
	@Override
	public void close() {
		this.bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
		this.workerGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	/**
	 * Chooses a worker loop for each registration and counts it against that loop, so that least-connections
	 * assignment sees connections that are registered but not yet active.
	 */
	private final class CountingChooserFactory implements EventExecutorChooserFactory {

		@Override
		public EventExecutorChooser newChooser(EventExecutor[] executors) {
			AtomicInteger next = new AtomicInteger();
			if (EventLoops.this.assignment == LoopAssignment.ROUND_ROBIN) {
				return () -> {
					int index = Math.floorMod(next.getAndIncrement(), executors.length);
					EventLoops.this.connectionsPerLoop.incrementAndGet(index);
					return executors[index];
				};
			}
			return () -> {
				int start = Math.floorMod(next.getAndIncrement(), executors.length);
				int best = start;
				int bestCount = Integer.MAX_VALUE;
				for (int i = 0; i < executors.length; i++) {
					int index = (start + i) % executors.length;
					int count = EventLoops.this.connectionsPerLoop.get(index);
					if (count < bestCount) {
						best = index;
						bestCount = count;
					}
				}
				EventLoops.this.connectionsPerLoop.incrementAndGet(best);
				return executors[best];
			};
		}

	}

	/**
	 * Builder of {@link EventLoops}.
	 */
	public static final class Builder {

		private Transport transport = Transport.AUTO;

		private int bossThreads = 1;

		private int workerThreads;

		private LoopAssignment assignment = LoopAssignment.ROUND_ROBIN;

		private String threadNamePrefix = "socket";

		private Builder() {
		}

		/**
		 * Sets the transport; {@link Transport#AUTO} picks the best available one.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(Transport transport) {
			this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
			return this;
		}

		/**
		 * Sets the number of acceptor threads; one is plenty unless many servers accept at very high rates.
		 * @param bossThreads the thread count, at least 1
		 * @return this builder
		 */
		public Builder bossThreads(int bossThreads) {
			if (bossThreads < 1) {
				throw new IllegalArgumentException("'bossThreads' must be at least 1");
			}
			this.bossThreads = bossThreads;
			return this;
		}

		/**
		 * Sets the number of worker loops; 0 means one per available processor.
		 * @param workerThreads the thread count, 0 or more
		 * @return this builder
		 */
		public Builder workerThreads(int workerThreads) {
			if (workerThreads < 0) {
				throw new IllegalArgumentException("'workerThreads' must not be negative");
			}
			this.workerThreads = workerThreads;
			return this;
		}

		/**
		 * Sets how new connections are assigned to worker loops.
		 * @param assignment the policy
		 * @return this builder
		 */
		public Builder assignment(LoopAssignment assignment) {
			this.assignment = Objects.requireNonNull(assignment, "'assignment' must not be null");
			return this;
		}

		/**
		 * Sets the prefix of the loop thread names.
		 * @param threadNamePrefix the prefix
		 * @return this builder
		 */
		public Builder threadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "'threadNamePrefix' must not be null");
			return this;
		}

		/**
		 * Creates the loops and starts their threads lazily.
		 * @return the event loops
		 * @throws IllegalStateException if an explicitly requested transport is not available
		 */
		public EventLoops build() {
			return new EventLoops(this);
		}

	}

}
