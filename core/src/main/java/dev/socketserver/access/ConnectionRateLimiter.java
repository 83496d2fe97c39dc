package dev.socketserver.access;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Token buckets of new connections per remote address, in a fixed table: memory is bounded whatever the number
 * of addresses seen. The table is set-associative (four entries per set, chosen by a seeded hash of the
 * address); an address not in its set takes the place of an entry whose bucket has refilled (forgetting it
 * loses nothing) or else of the least recently seen one. A flood from more addresses than the table holds can
 * therefore make an address be forgotten and start again with a full bucket: the limiter then lets through more,
 * never less, than configured.
 * <p>
 * IPv6 addresses are counted per /64 network, as one host or subscriber usually holds a whole /64; IPv4
 * addresses one by one.
 * <p>
 * Not thread-safe: a server calls it from its acceptor thread only.
 *
 * @since 0.1.0
 */
public final class ConnectionRateLimiter {

	private static final int WAYS = 4;

	private final ConnectionRateLimit limit;

	private final double tokensPerNano;

	private final double burst;

	private final int setMask;

	private final long seed = ThreadLocalRandom.current().nextLong();

	private final long[] keyHigh;

	private final long[] keyLow;

	private final long[] stamps;

	private final double[] tokens;

	private final boolean[] used;

	private long evictions;

	/**
	 * Creates a limiter.
	 * @param limit the limit
	 */
	public ConnectionRateLimiter(ConnectionRateLimit limit) {
		this.limit = Objects.requireNonNull(limit, "'limit' must not be null");
		this.tokensPerNano = limit.connectionsPerSecond() / 1e9;
		this.burst = limit.burst();
		int capacity = Integer.highestOneBit(limit.trackedAddresses() - 1) << 1;
		this.setMask = capacity / WAYS - 1;
		this.keyHigh = new long[capacity];
		this.keyLow = new long[capacity];
		this.stamps = new long[capacity];
		this.tokens = new double[capacity];
		this.used = new boolean[capacity];
	}

	/**
	 * Takes a token for a new connection from an address.
	 * @param address the remote address
	 * @param nowNanos the current time of a monotonic clock, in nanoseconds
	 * @return whether the connection is within the limit
	 */
	public boolean tryAcquire(InetAddress address, long nowNanos) {
		long high = Ipv6Key.subscriberHigh(address);
		long low = Ipv6Key.subscriberLow(address);
		int first = Ipv6Key.set(high, low, this.seed, this.setMask) * WAYS;
		for (int i = first; i < first + WAYS; i++) {
			if (this.used[i] && this.keyHigh[i] == high && this.keyLow[i] == low) {
				return take(i, nowNanos);
			}
		}
		int slot = victim(first, nowNanos);
		if (this.used[slot] && refilled(slot, nowNanos) < this.burst) {
			this.evictions++;
		}
		this.used[slot] = true;
		this.keyHigh[slot] = high;
		this.keyLow[slot] = low;
		this.tokens[slot] = this.burst;
		this.stamps[slot] = nowNanos;
		return take(slot, nowNanos);
	}

	private int victim(int first, long now) {
		int oldest = first;
		for (int i = first; i < first + WAYS; i++) {
			if (!this.used[i] || refilled(i, now) >= this.burst) {
				return i;
			}
			if (this.stamps[i] - this.stamps[oldest] < 0) {
				oldest = i;
			}
		}
		return oldest;
	}

	private double refilled(int slot, long now) {
		return Math.min(this.burst, this.tokens[slot] + (now - this.stamps[slot]) * this.tokensPerNano);
	}

	private boolean take(int slot, long now) {
		double available = refilled(slot, now);
		this.stamps[slot] = now;
		if (available >= 1) {
			this.tokens[slot] = available - 1;
			return true;
		}
		this.tokens[slot] = available;
		return false;
	}

	/**
	 * Returns the limit applied.
	 * @return the limit
	 */
	public ConnectionRateLimit limit() {
		return this.limit;
	}

	/**
	 * Returns how many entries the table holds, whatever the number of addresses seen.
	 * @return the capacity
	 */
	public int capacity() {
		return this.used.length;
	}

	/**
	 * Returns how many addresses are remembered now.
	 * @return the number of used entries
	 */
	public int trackedAddresses() {
		int count = 0;
		for (boolean entry : this.used) {
			if (entry) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Returns how many addresses were forgotten before their bucket had refilled, because the table was full:
	 * a sign that it is too small for the traffic, or of a flood from many addresses.
	 * @return the count
	 */
	public long evictions() {
		return this.evictions;
	}

}
