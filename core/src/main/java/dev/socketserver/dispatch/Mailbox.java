package dev.socketserver.dispatch;

import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;

/**
 * The queue of one connection's messages and events waiting for its handler when handlers run off the event
 * loop. The event loop adds, one worker at a time takes: messages of a connection are handled one at a time and
 * in order, connections in parallel. When the queue holds {@code capacity} items the connection stops being read
 * (TCP pushes back on the peer) until half of them are done; nothing is ever dropped. While the connection's
 * replies fill its write buffer, the worker stops taking messages until the peer has read them: a pipelining
 * peer that reads slower than the handler answers is slowed down, not closed as a slow consumer.
 *
 * @since 0.1.0
 */
public final class Mailbox implements Runnable {

	private static final AtomicIntegerFieldUpdater<Mailbox> SIZE = AtomicIntegerFieldUpdater.newUpdater(Mailbox.class,
			"size");

	private static final AtomicIntegerFieldUpdater<Mailbox> RUNNING = AtomicIntegerFieldUpdater
		.newUpdater(Mailbox.class, "running");

	private static final AtomicIntegerFieldUpdater<Mailbox> PARKED = AtomicIntegerFieldUpdater
		.newUpdater(Mailbox.class, "parked");

	/** Items one worker handles before it yields its thread to other connections. */
	private static final int BATCH = 64;

	private final Owner connection;

	private final Executor executor;

	private final int capacity;

	private final Queue<Object> queue = PlatformDependent.newSpscQueue();

	private volatile int size;

	private volatile int running;

	/** 1 while the worker waits for outbound room. */
	private volatile int parked;

	private final Runnable resume;

	/**
	 * Creates the mailbox of a connection.
	 * @param connection the connection
	 * @param executor where the handler runs
	 * @param capacity how many items may wait before the connection stops being read
	 */
	public Mailbox(Owner connection, Executor executor, int capacity) {
		this.connection = connection;
		this.executor = executor;
		this.capacity = capacity;
		this.resume = this::resumeIfRoom;
	}

	/**
	 * Queues an item; on the connection's event loop only.
	 * @param item the message or event
	 */
	public void add(Object item) {
		this.queue.offer(item);
		if (SIZE.incrementAndGet(this) >= this.capacity) {
			this.connection.mailboxFull();
		}
		schedule();
	}

	/**
	 * Returns whether nothing waits for the handler.
	 * @return whether the mailbox is empty
	 */
	public boolean isEmpty() {
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
		while (handled < BATCH && (item = this.queue.peek()) != null) {
			if (!this.connection.isEvent(item) && !this.connection.hasOutboundRoom()) {
				park();
				return;
			}
			this.queue.poll();
			this.connection.handle(item);
			handled++;
			if (SIZE.decrementAndGet(this) == this.capacity / 2) {
				this.connection.eventLoop().execute(this.resume);
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

	/**
	 * Stops until {@link #unpark()}; the room is checked again once the flag is up, so a drain in between is not
	 * missed.
	 */
	private void park() {
		PARKED.set(this, 1);
		RUNNING.set(this, 0);
		// An unpark while this worker still ran could not schedule it: it cleared the flag, so look again.
		if (this.parked == 0 || this.connection.hasOutboundRoom()) {
			PARKED.set(this, 0);
			schedule();
		}
	}

	/**
	 * Lets a parked worker go on: the connection's write buffer drained, or the connection closed.
	 */
	public void unpark() {
		if (this.parked == 1 && PARKED.compareAndSet(this, 1, 0)) {
			schedule();
		}
	}

	private void resumeIfRoom() {
		if (this.size <= this.capacity / 2) {
			this.connection.mailboxHasRoom();
		}
	}

	private void discard() {
		Object item;
		while ((item = this.queue.poll()) != null) {
			SIZE.decrementAndGet(this);
			ReferenceCountUtil.release(item);
		}
	}

	/**
	 * What a mailbox needs of its connection.
	 */
	public interface Owner {

		/**
		 * Calls the handler for one item; on a handler thread, one at a time.
		 * @param item the message or event
		 */
		void handle(Object item);

		/**
		 * Returns whether an item is a connection event rather than a message: events are handled even while
		 * replies back up.
		 * @param item the item
		 * @return whether it is an event
		 */
		boolean isEvent(Object item);

		/**
		 * Returns whether replies may be produced without queueing past the write buffer's high water mark.
		 * @return whether there is room
		 */
		boolean hasOutboundRoom();

		/**
		 * Stops reading the connection: the mailbox is full. On the event loop.
		 */
		void mailboxFull();

		/**
		 * Reads the connection again: half the mailbox is free. On the event loop.
		 */
		void mailboxHasRoom();

		/**
		 * Called when the mailbox has run empty, on the handler thread.
		 */
		void mailboxEmptied();

		/**
		 * Returns the connection's event loop.
		 * @return the loop
		 */
		EventExecutor eventLoop();

	}

}
