package dev.socketserver.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.transport.EventLoops;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyMeters;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;

/**
 * {@link MeterBinder} for the Netty resources that socket servers share: the event loops (pending tasks of the
 * worker loops through Micrometer's {@link NettyEventExecutorMetrics} and of the acceptor loops under the same
 * name, and connections per worker loop) and the buffer allocators (through {@link NettyAllocatorMetrics}). These are
 * shared by several servers, so their meters are tagged as
 * Micrometer's Netty meters are, by loop thread or allocator, not by server.
 *
 * @since 0.1.0
 */
public class SocketServerNettyMetrics implements MeterBinder {

	private final Iterable<EventLoops> eventLoops;

	private final Iterable<? extends SocketServer> servers;

	/**
	 * Creates a binder for shared event loops and for the loops and allocators of servers, looked up when
	 * binding.
	 * @param eventLoops the shared event loops
	 * @param servers the servers, whose own event loops and allocators are measured too
	 */
	public SocketServerNettyMetrics(Iterable<EventLoops> eventLoops, Iterable<? extends SocketServer> servers) {
		this.eventLoops = Objects.requireNonNull(eventLoops, "'eventLoops' must not be null");
		this.servers = Objects.requireNonNull(servers, "'servers' must not be null");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Set<EventLoops> loops = identitySet();
		Set<ByteBufAllocator> allocators = identitySet();
		this.eventLoops.forEach(loops::add);
		for (SocketServer server : this.servers) {
			if (server instanceof NettySocketServer netty) {
				loops.add(netty.eventLoops());
			}
			allocators.add(server.config().allocator());
		}
		List<EventExecutor> workers = new ArrayList<>();
		for (EventLoops group : loops) {
			if (!group.isShutdown()) {
				workers.addAll(group.workers());
				bindEventLoops(group, registry);
			}
		}
		if (!workers.isEmpty()) {
			// One binder for all worker loops: it also registers an untagged count of the loops it is given.
			new NettyEventExecutorMetrics(workers).bindTo(registry);
		}
		for (ByteBufAllocator allocator : allocators) {
			if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
				new NettyAllocatorMetrics(provider).bindTo(registry);
			}
		}
	}

	private void bindEventLoops(EventLoops group, MeterRegistry registry) {
		for (EventExecutor acceptor : group.bossGroup()) {
			if (acceptor instanceof SingleThreadEventExecutor executor) {
				Gauge.builder(NettyMeters.EVENT_EXECUTOR_TASKS_PENDING.getName(), executor,
						SingleThreadEventExecutor::pendingTasks)
					.tag(SocketServerMeters.LOOP_TAG, executor.threadProperties().name())
					.register(registry);
			}
		}
		List<EventLoop> workers = group.workers();
		for (int i = 0; i < workers.size(); i++) {
			int index = i;
			SocketServerMeters meter = SocketServerMeters.EVENT_LOOP_CONNECTIONS;
			Gauge.builder(meter.getName(), group, (loops) -> loops.connections(index))
				.tag(SocketServerMeters.LOOP_TAG, threadName(workers.get(i), i))
				.description(meter.getDescription())
				.register(registry);
		}
	}

	/**
	 * Names a loop by its thread, as {@link NettyEventExecutorMetrics} does, so that both loop meters join on
	 * the same tag.
	 */
	private static String threadName(EventLoop loop, int index) {
		if (loop instanceof SingleThreadEventExecutor executor) {
			return executor.threadProperties().name();
		}
		return "worker-" + index;
	}

	private static <T> Set<T> identitySet() {
		return Collections.newSetFromMap(new IdentityHashMap<>());
	}

}
