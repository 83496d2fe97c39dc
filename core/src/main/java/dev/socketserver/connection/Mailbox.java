package dev.socketserver.connection;

import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;

/**
 * The queue of one connection's messages and events waiting for its handler when handlers run off the event
 * loop. The event loop adds, one worker at a time takes: messages of a connection are handled one at a time and
 * in order, connections in parallel. When the queue holds {@code capacity} items the connection stops being read
 * (TCP pushes back on the peer) until half of them are done; nothing is ever dropped.
 */
final class Mailbox implements Runnable {

	private static final AtomicIntegerFieldUpdater<Mailbox> SIZE = AtomicIntegerFieldUpdater.newUpdater(Mailbox.class,
			"size");

	private static final AtomicIntegerFieldUpdater<Mailbox> RUNNING = AtomicIntegerFieldUpdater
		.newUpdater(Mailbox.class, "running");

	/** Items one worker handles before it yields its thread to other connections. */
	private static final int BATCH = 64;

	private final ChannelConnection connection;

	private final Executor executor;

	private final int capacity;

	private final Queue<Object> queue = PlatformDependent.newSpscQueue();

	private volatile int size;

	private volatile int running;

	private final Runnable resume;

	Mailbox(ChannelConnection connection, Executor executor, int capacity) {
		this.connection = connection;
		this.executor = executor;
		this.capacity = capacity;
		this.resume = this::resumeIfRoom;
	}

	/**
	 * Queues an item; on the connection's event loop only.
	 */
	void add(Object item) {
		this.queue.offer(item);
		if (SIZE.incrementAndGet(this) >= this.capacity) {
			this.connection.pauseReading(ChannelConnection.PAUSED_MAILBOX);
			this.connection.manager.stats.recordBackpressurePause();
		}
		schedule();
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	private void schedule() {
		if (RUNNING.compareAndSet(this, 0, 1)) {
			try {
				this.executor.execute(this);
			}
			catch (RejectedExecutionException ex) {
				// The executor is shut down: the server is stopping, nothing will handle these any more.
				RUNNING.set(this, 0);
				discard();
			}
		}
	}

	@Override
	public void run() {
		int handled = 0;
		Object item;
		while (handled < BATCH && (item = this.queue.poll()) != null) {
			this.connection.invoke(item);
			handled++;
			if (SIZE.decrementAndGet(this) == this.capacity / 2) {
				this.connection.channel().eventLoop().execute(this.resume);
			}
		}
		RUNNING.set(this, 0);
		if (!this.queue.isEmpty()) {
			// More arrived meanwhile, or the batch ended: continue on a fresh task so other connections get a turn.
			schedule();
		}
		else {
			this.connection.mailboxEmptied();
		}
	}

	private void resumeIfRoom() {
		if (this.size <= this.capacity / 2) {
			this.connection.resumeReading(ChannelConnection.PAUSED_MAILBOX);
		}
	}

	private void discard() {
		Object item;
		while ((item = this.queue.poll()) != null) {
			SIZE.decrementAndGet(this);
			ReferenceCountUtil.release(item);
		}
	}

}
