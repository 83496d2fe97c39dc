package dev.socketserver.connection;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import dev.socketserver.request.RequestPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;

/**
 * Writes to one connection from threads other than its event loop (handler threads, broadcasts from other
 * loops, stages completing): queued with their size, which counts as pending at once, and written by one drain
 * task at a time however many wait. Created on a connection's first such write. Requests from other threads wait
 * in the same queue, so that a request and the sends around it reach the wire in the order they were made.
 */
final class CrossThreadWrites implements Runnable {

	private static final AtomicIntegerFieldUpdater<CrossThreadWrites> SCHEDULED = AtomicIntegerFieldUpdater
		.newUpdater(CrossThreadWrites.class, "scheduled");

	private static final AtomicLongFieldUpdater<CrossThreadWrites> BYTES = AtomicLongFieldUpdater
		.newUpdater(CrossThreadWrites.class, "bytes");

	private final OutboundWriter writer;

	private final ConnectionStage connection;

	private final Channel channel;

	private final Queue<Object> queue = PlatformDependent.newMpscQueue();

	/** 1 while a drain task is queued; only that task clears it. */
	private volatile int scheduled;

	private volatile long bytes;

	/** Set by the loop while it drains: a request started by the drain writes without draining what follows it. */
	private boolean draining;

	CrossThreadWrites(OutboundWriter writer, ConnectionStage connection, Channel channel) {
		this.writer = writer;
		this.connection = connection;
		this.channel = channel;
	}

	/**
	 * Queues a write and makes sure a drain task will write it; from any thread.
	 * @return {@code false} if the event loop is gone, and the write with it
	 */
	boolean add(Object outbound, @Nullable SendFuture future) {
		BYTES.addAndGet(this, sizeOf(outbound));
		return enqueue((future != null) ? new PendingWrite(outbound, future) : outbound);
	}

	/**
	 * Queues a request, registered and written by the drain in its turn; from any thread.
	 * @return {@code false} if the event loop is gone; the request has then been failed
	 */
	boolean addRequest(RequestPolicy policy, Object message, CompletableFuture<Object> reply, Duration timeout) {
		return enqueue(new QueuedRequest(policy, message, reply, timeout));
	}

	private boolean enqueue(Object item) {
		this.queue.offer(item);
		if (SCHEDULED.compareAndSet(this, 0, 1)) {
			try {
				this.channel.eventLoop().execute(this);
			}
			catch (RejectedExecutionException ex) {
				// The loop is gone, so the channel is closed: nothing will drain the queue but us.
				SCHEDULED.set(this, 0);
				discard();
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns whether writes wait for a drain task.
	 */
	boolean isScheduled() {
		return this.scheduled != 0;
	}

	/**
	 * Returns the bytes queued, not yet in the channel's buffer.
	 */
	long bytes() {
		return this.bytes;
	}

	/**
	 * The drain task.
	 */
	@Override
	public void run() {
		SCHEDULED.set(this, 0);
		this.writer.drainCrossThreadWrites();
	}

	/**
	 * Writes what is queued; on the event loop. Also called before the loop's own writes and at close, leaving
	 * a drain task already queued alone.
	 */
	void drain() {
		if (this.draining) {
			return;
		}
		this.draining = true;
		try {
			drainQueue();
		}
		finally {
			this.draining = false;
		}
	}

	private void drainQueue() {
		Object item;
		while ((item = this.queue.poll()) != null) {
			if (item instanceof QueuedRequest request) {
				// Fails the request itself when the connection has closed meanwhile.
				this.connection.startRequest(request.policy(), request.message(), request.reply(), request.timeout());
				continue;
			}
			Object outbound = (item instanceof PendingWrite pending) ? pending.message() : item;
			SendFuture future = (item instanceof PendingWrite pending) ? pending.future() : null;
			BYTES.addAndGet(this, -sizeOf(outbound));
			if (this.channel.isActive()) {
				this.writer.writeInLoop(outbound, future);
			}
			else {
				ReferenceCountUtil.release(outbound);
				OutboundWriter.fail(future, new ClosedChannelException());
			}
		}
	}

	private void discard() {
		Object item;
		while ((item = this.queue.poll()) != null) {
			if (item instanceof QueuedRequest request) {
				ReferenceCountUtil.release(request.message());
				this.connection.runtime.stats.recordRequestFailed();
				request.reply().completeExceptionally(new ConnectionClosedException(this.connection.id,
						this.connection.closeReasonOrPeerClosed()));
				continue;
			}
			Object outbound = (item instanceof PendingWrite pending) ? pending.message() : item;
			BYTES.addAndGet(this, -sizeOf(outbound));
			ReferenceCountUtil.release(outbound);
			if (item instanceof PendingWrite pending) {
				OutboundWriter.fail(pending.future(), new ClosedChannelException());
			}
		}
	}

	private static long sizeOf(Object outbound) {
		return (outbound instanceof ByteBuf buffer) ? buffer.readableBytes() : 0;
	}

	/**
	 * A message sent from another thread whose completion is observed.
	 */
	private record PendingWrite(Object message, SendFuture future) {
	}

	/**
	 * A request made on another thread, not yet registered: registering it on the loop keeps the pending
	 * requests single-threaded.
	 */
	private record QueuedRequest(RequestPolicy policy, Object message, CompletableFuture<Object> reply,
			Duration timeout) {
	}

}
