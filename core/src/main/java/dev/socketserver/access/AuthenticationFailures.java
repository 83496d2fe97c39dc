package dev.socketserver.access;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Failed authentications per remote address, in a fixed table: an address that fails {@code maxFailures} times
 * within the window is refused for the ban duration. Memory is bounded whatever the number of addresses seen;
 * like {@link ConnectionRateLimiter}, the table is set-associative, and an address pushed out by a flood from
 * more addresses than it holds starts again from nothing: the table then refuses less, never more, than
 * configured. IPv6 addresses count per /64.
 * <p>
 * Thread-safe: failures are recorded from event loops, bans checked on the acceptor thread; while nothing is
 * banned, the check takes no lock.
 *
 * @since 0.1.0
 */
public final class AuthenticationFailures {

	private static final int WAYS = 4;

	private final int maxFailures;

	private final long windowNanos;

	private final long banNanos;

	private final int setMask;

	private final long seed = ThreadLocalRandom.current().nextLong();

	private final long[] keyHigh;

	private final long[] keyLow;

	private final long[] windowStart;

	private final long[] bannedUntil;

	private final int[] failures;

	private final boolean[] used;

	/** Until when some ban may still run; nothing is banned once it has passed. */
	private volatile long bansEnd;

	private volatile boolean anyBan;

	/**
	 * Creates a table.
	 * @param maxFailures failures within the window that ban an address, at least 1
	 * @param window how long failures are remembered
	 * @param ban how long a banned address is refused
	 * @param trackedAddresses how many addresses are remembered at most; rounded up to a power of two
	 */
	public AuthenticationFailures(int maxFailures, Duration window, Duration ban, int trackedAddresses) {
		if (maxFailures < 1) {
			throw new IllegalArgumentException("'maxFailures' must be at least 1");
		}
		this.maxFailures = maxFailures;
		this.windowNanos = window.toNanos();
		this.banNanos = ban.toNanos();
		int capacity = Math.max(WAYS, Integer.highestOneBit(Math.max(trackedAddresses, WAYS) - 1) << 1);
		this.setMask = capacity / WAYS - 1;
		this.keyHigh = new long[capacity];
		this.keyLow = new long[capacity];
		this.windowStart = new long[capacity];
		this.bannedUntil = new long[capacity];
		this.failures = new int[capacity];
		this.used = new boolean[capacity];
	}

	/**
	 * Returns whether an address is refused now.
	 * @param address the remote address
	 * @param nowNanos the current time of a monotonic clock, in nanoseconds
	 * @return whether it is banned
	 */
	public boolean isBanned(InetAddress address, long nowNanos) {
		if (!this.anyBan || nowNanos - this.bansEnd >= 0) {
			return false;
		}
		long high = Ipv6Key.subscriberHigh(address);
		long low = Ipv6Key.subscriberLow(address);
		synchronized (this) {
			int slot = find(high, low);
			return slot >= 0 && this.failures[slot] >= this.maxFailures && nowNanos - this.bannedUntil[slot] < 0;
		}
	}

	/**
	 * Counts a failed authentication.
	 * @param address the remote address
	 * @param nowNanos the current time of a monotonic clock, in nanoseconds
	 * @return whether this failure banned the address
	 */
	public synchronized boolean recordFailure(InetAddress address, long nowNanos) {
		long high = Ipv6Key.subscriberHigh(address);
		long low = Ipv6Key.subscriberLow(address);
		int slot = find(high, low);
		if (slot < 0 || (this.failures[slot] < this.maxFailures
				&& nowNanos - this.windowStart[slot] >= this.windowNanos)
				|| (this.failures[slot] >= this.maxFailures && nowNanos - this.bannedUntil[slot] >= 0)) {
			if (slot < 0) {
				slot = victim(Ipv6Key.set(high, low, this.seed, this.setMask) * WAYS, nowNanos);
			}
			this.used[slot] = true;
			this.keyHigh[slot] = high;
			this.keyLow[slot] = low;
			this.windowStart[slot] = nowNanos;
			this.failures[slot] = 0;
		}
		if (this.failures[slot] >= this.maxFailures) {
			return false;
		}
		if (++this.failures[slot] < this.maxFailures) {
			return false;
		}
		long until = nowNanos + this.banNanos;
		this.bannedUntil[slot] = until;
		if (!this.anyBan || until - this.bansEnd > 0) {
			this.bansEnd = until;
		}
		this.anyBan = true;
		return true;
	}

	/**
	 * Returns how many addresses are refused now.
	 * @param nowNanos the current time of a monotonic clock, in nanoseconds
	 * @return the count
	 */
	public synchronized int bannedAddresses(long nowNanos) {
		int count = 0;
		for (int i = 0; i < this.used.length; i++) {
			if (this.used[i] && this.failures[i] >= this.maxFailures && nowNanos - this.bannedUntil[i] < 0) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Returns how many entries the table holds, whatever the number of addresses seen.
	 * @return the capacity
	 */
	public int capacity() {
		return this.used.length;
	}

	private int find(long high, long low) {
		int first = Ipv6Key.set(high, low, this.seed, this.setMask) * WAYS;
		for (int i = first; i < first + WAYS; i++) {
			if (this.used[i] && this.keyHigh[i] == high && this.keyLow[i] == low) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Picks the entry to forget: a free or stale one, else the oldest that is not banned, else the ban that ends
	 * first.
	 */
	private int victim(int first, long now) {
		int candidate = -1;
		for (int i = first; i < first + WAYS; i++) {
			if (!this.used[i] || isStale(i, now)) {
				return i;
			}
			boolean banned = this.failures[i] >= this.maxFailures;
			if (candidate < 0) {
				candidate = i;
				continue;
			}
			boolean candidateBanned = this.failures[candidate] >= this.maxFailures;
			if (banned != candidateBanned) {
				if (!banned) {
					candidate = i;
				}
			}
			else if (banned ? this.bannedUntil[i] - this.bannedUntil[candidate] < 0
					: this.windowStart[i] - this.windowStart[candidate] < 0) {
				candidate = i;
			}
		}
		return candidate;
	}

	private boolean isStale(int slot, long now) {
		return (this.failures[slot] >= this.maxFailures) ? now - this.bannedUntil[slot] >= 0
				: now - this.windowStart[slot] >= this.windowNanos;
	}

}
