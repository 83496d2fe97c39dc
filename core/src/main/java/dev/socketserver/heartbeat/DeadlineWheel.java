package dev.socketserver.heartbeat;

import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Hashed timing wheel holding the {@link Deadlines} of every connection of one server served by one event
 * loop, for all their deadlines: first message, frame completion, read idle, pings, unwritable. One scheduled
 * task per wheel, not one timer per connection; a tick visits only the slot that is due, and connections sit in
 * it as intrusive list nodes, so the wheel allocates nothing per connection.
 * <p>
 * A connection is not rescheduled when it is active: its stamps are plain field writes, and when its slot comes
 * due it computes its next deadline from them and moves itself there. A chatty connection thus costs one visit
 * per timeout, an idle one exactly the visits its deadlines need. Confined to its event loop.
 *
 * @since 0.1.0
 */
public final class DeadlineWheel implements Runnable {

	private static final int MIN_SLOTS = 64;

	private static final int MAX_SLOTS = 4096;

	private final Ticker ticker;

	private final DeadlinePolicy policy;

	private final long tickNanos;

	private final long origin;

	private final Deadlines[] slots;

	private final int mask;

	/** Ticks up to this one have been processed. */
	private long processedTick;

	private int size;

	private final @Nullable ScheduledFuture<?> task;

	/**
	 * Creates a wheel ticking on a loop.
	 * @param loop the event loop of the connections it holds
	 * @param policy the deadlines of its connections: its tick, and the longest deadline, which sizes it
	 */
	public DeadlineWheel(EventExecutor loop, DeadlinePolicy policy) {
		this.ticker = loop.ticker();
		this.policy = policy;
		long tickNanos = policy.tickNanos();
		long longestDeadlineNanos = policy.longestNanos();
		this.tickNanos = tickNanos;
		this.origin = this.ticker.nanoTime();
		int wanted = (int) Math.min(MAX_SLOTS, longestDeadlineNanos / tickNanos + 2);
		int slotCount = Math.max(MIN_SLOTS, Integer.highestOneBit(wanted - 1) << 1);
		this.slots = new Deadlines[slotCount];
		this.mask = slotCount - 1;
		this.task = loop.scheduleAtFixedRate(this, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Returns the deadlines of the connections it holds.
	 * @return the policy
	 */
	public DeadlinePolicy policy() {
		return this.policy;
	}

	/**
	 * Returns the loop's time.
	 * @return the ticker time in nanoseconds
	 */
	public long now() {
		return this.ticker.nanoTime();
	}

	/**
	 * Returns how many connections the wheel holds.
	 * @return the count
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Puts a connection in the slot of its deadline, or moves it there if that is earlier than where it is.
	 * @param connection the connection's deadlines
	 * @param deadlineNanos the deadline in ticker time
	 */
	public void schedule(Deadlines connection, long deadlineNanos) {
		long due = dueTick(deadlineNanos);
		if (connection.due != 0) {
			if (connection.due <= due) {
				return;
			}
			unlink(connection);
		}
		link(connection, due);
	}

	/**
	 * Takes a connection out of the wheel.
	 * @param connection the connection's deadlines
	 */
	public void remove(Deadlines connection) {
		if (connection.due != 0) {
			unlink(connection);
		}
	}

	@Override
	public void run() {
		long now = this.ticker.nanoTime();
		long target = (now - this.origin) / this.tickNanos;
		long from = Math.max(this.processedTick + 1, target - this.mask);
		for (long tick = from; tick <= target; tick++) {
			processSlot((int) (tick & this.mask), target, now);
		}
		this.processedTick = target;
	}

	private void processSlot(int slot, long target, long now) {
		Deadlines connection = this.slots[slot];
		while (connection != null) {
			Deadlines next = connection.next;
			if (connection.due <= target) {
				unlink(connection);
				long deadline = connection.check(this.policy, now);
				if (deadline != 0) {
					link(connection, dueTick(deadline));
				}
			}
			connection = next;
		}
	}

	/**
	 * Stops the wheel's ticks.
	 */
	public void cancel() {
		if (this.task != null) {
			this.task.cancel(false);
		}
	}

	/**
	 * Returns the first tick at or after a deadline, never one already processed.
	 */
	private long dueTick(long deadlineNanos) {
		long offset = deadlineNanos - this.origin;
		long tick = (offset <= 0) ? 0 : (offset + this.tickNanos - 1) / this.tickNanos;
		return Math.max(tick, this.processedTick + 1);
	}

	private void link(Deadlines connection, long due) {
		int slot = (int) (due & this.mask);
		Deadlines head = this.slots[slot];
		connection.due = due;
		connection.prev = null;
		connection.next = head;
		if (head != null) {
			head.prev = connection;
		}
		this.slots[slot] = connection;
		this.size++;
	}

	private void unlink(Deadlines connection) {
		Deadlines prev = connection.prev;
		Deadlines next = connection.next;
		if (prev != null) {
			prev.next = next;
		}
		else {
			this.slots[(int) (connection.due & this.mask)] = next;
		}
		if (next != null) {
			next.prev = prev;
		}
		connection.prev = null;
		connection.next = null;
		connection.due = 0;
		this.size--;
	}

}
