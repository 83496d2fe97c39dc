package dev.socketserver.connection;

import java.nio.channels.ClosedChannelException;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;

/**
 * Writes to one connection from threads other than its event loop (handler threads, broadcasts from other
 * loops, stages completing): queued with their size, which counts as pending at once, and written by one drain
 * task at a time however many wait. Created on a connection's first such write.
 */
final class CrossThreadWrites implements Runnable {

	private static final AtomicIntegerFieldUpdater<CrossThreadWrites> SCHEDULED = AtomicIntegerFieldUpdater
		.newUpdater(CrossThreadWrites.class, "scheduled");

	private static final AtomicLongFieldUpdater<CrossThreadWrites> BYTES = AtomicLongFieldUpdater
		.newUpdater(CrossThreadWrites.class, "bytes");

	private final OutboundWriter writer;

	private final Channel channel;

	private final Queue<Object> queue = PlatformDependent.newMpscQueue();

	/** 1 while a drain task is queued; only that task clears it. */
	private volatile int scheduled;

	private volatile long bytes;

	CrossThreadWrites(OutboundWriter writer, Channel channel) {
		this.writer = writer;
		this.channel = channel;
	}

	/**
	 * Queues a write and makes sure a drain task will write it; from any thread.
	 * @return {@code false} if the event loop is gone, and the write with it
	 */
	boolean add(Object outbound, @Nullable SendFuture future) {
		BYTES.addAndGet(this, sizeOf(outbound));
		this.queue.offer((future != null) ? new PendingWrite(outbound, future) : outbound);
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
		Object item;
		while ((item = this.queue.poll()) != null) {
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

}
