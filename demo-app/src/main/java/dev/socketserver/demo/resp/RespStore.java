package dev.socketserver.demo.resp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The key-value data of the server, shared by all connections and safe for concurrent use without locks:
 * conditional writes and increments are compare-and-set loops on a {@link ConcurrentHashMap}.
 * <p>
 * A value is a {@code byte[]}, or an {@link Expiring} for a key with a time to live. Expired keys are removed
 * lazily, when they are next read or written (Redis also samples them in the background; this demo does not).
 */
final class RespStore {

	/** Deadline meaning "no time to live". */
	static final long PERSISTENT = 0;

	/** Deadline meaning "keep the current time to live", as {@code SET ... KEEPTTL}. */
	static final long KEEP = -1;

	private final ConcurrentHashMap<RespKey, Object> entries = new ConcurrentHashMap<>();

	private final LongSupplier clock;

	/**
	 * Creates a store whose deadlines are read from {@code clock}, in epoch milliseconds.
	 */
	RespStore(LongSupplier clock) {
		this.clock = clock;
	}

	/**
	 * Returns a key's value, or {@code null} if it has none.
	 */
	byte @Nullable [] get(RespKey key) {
		Object current = this.entries.get(key);
		return (current != null) ? live(key, current) : null;
	}

	/**
	 * Sets a value without condition, dropping any time to live.
	 */
	void set(RespKey key, byte[] value) {
		this.entries.put(key, value);
	}

	/**
	 * Sets a value if a condition holds, atomically.
	 * @param condition whether the key must exist ({@link Condition#IF_EXISTS}), must not, or either
	 * @param deadline epoch milliseconds after which the key expires, {@link #PERSISTENT} or {@link #KEEP}
	 * @return whether it was set, and the value it had
	 */
	SetResult set(RespKey key, byte[] value, Condition condition, long deadline) {
		while (true) {
			Object current = this.entries.get(key);
			byte[] previous = (current != null) ? live(key, current) : null;
			if ((condition == Condition.IF_ABSENT && previous != null)
					|| (condition == Condition.IF_EXISTS && previous == null)) {
				return new SetResult(false, previous);
			}
			long newDeadline = (deadline != KEEP) ? deadline
					: (previous != null && current instanceof Expiring expiring) ? expiring.deadline : PERSISTENT;
			Object next = (newDeadline != PERSISTENT) ? new Expiring(value, newDeadline) : value;
			if (compareAndSet(key, current, next)) {
				return new SetResult(true, previous);
			}
		}
	}

	/**
	 * Adds to a key's integer value atomically, keeping its time to live; a missing key counts as 0.
	 * @return the new value
	 * @throws RespException if the value is not an integer or the result overflows
	 */
	long increment(RespKey key, long delta) {
		while (true) {
			Object current = this.entries.get(key);
			byte[] previous = (current != null) ? live(key, current) : null;
			long value = (previous != null) ? RespNumbers.parseLong(previous) : 0;
			long result;
			try {
				result = Math.addExact(value, delta);
			}
			catch (ArithmeticException ex) {
				throw new RespException("ERR increment or decrement would overflow");
			}
			byte[] bytes = RespNumbers.toBytes(result);
			Object next = (previous != null && current instanceof Expiring expiring)
					? new Expiring(bytes, expiring.deadline) : bytes;
			if (compareAndSet(key, (previous != null) ? current : null, next)) {
				return result;
			}
		}
	}

	/**
	 * Removes a key.
	 * @return whether it had a value
	 */
	boolean delete(RespKey key) {
		Object removed = this.entries.remove(key);
		return removed != null && !isExpired(removed);
	}

	boolean exists(RespKey key) {
		return get(key) != null;
	}

	/**
	 * Returns a key's remaining time to live in milliseconds, -1 if it has none, or -2 if the key does not exist,
	 * as {@code PTTL} answers.
	 */
	long timeToLive(RespKey key) {
		Object current = this.entries.get(key);
		if (current == null || live(key, current) == null) {
			return -2;
		}
		return (current instanceof Expiring expiring) ? Math.max(0, expiring.deadline - this.clock.getAsLong()) : -1;
	}

	/**
	 * Returns the number of keys, counting expired ones not removed yet (as Redis's {@code DBSIZE} does).
	 */
	long size() {
		return this.entries.mappingCount();
	}

	/**
	 * Returns the number of keys with a time to live, by a scan: for {@code INFO} only.
	 */
	long countExpiring() {
		return this.entries.values().stream().filter(Expiring.class::isInstance).count();
	}

	void clear() {
		this.entries.clear();
	}

	long now() {
		return this.clock.getAsLong();
	}

	/**
	 * Returns the value held in an entry, or removes the entry and returns {@code null} if it has expired.
	 */
	private byte @Nullable [] live(RespKey key, Object current) {
		if (current instanceof Expiring expiring) {
			if (expiring.deadline <= this.clock.getAsLong()) {
				this.entries.remove(key, current);
				return null;
			}
			return expiring.value;
		}
		return (byte[]) current;
	}

	private boolean isExpired(Object value) {
		return value instanceof Expiring expiring && expiring.deadline <= this.clock.getAsLong();
	}

	/**
	 * Replaces {@code expected} (the very object, or no entry when {@code null}) with {@code next}.
	 */
	private boolean compareAndSet(RespKey key, @Nullable Object expected, Object next) {
		if (expected == null) {
			return this.entries.putIfAbsent(key, next) == null;
		}
		return this.entries.replace(key, expected, next);
	}

	/**
	 * What a conditional set requires of the key.
	 */
	enum Condition {

		ALWAYS, IF_ABSENT, IF_EXISTS

	}

	/**
	 * Outcome of a conditional set.
	 *
	 * @param written whether the value was set
	 * @param previous the value the key had, or {@code null}
	 */
	record SetResult(boolean written, byte @Nullable [] previous) {
	}

	/**
	 * A value with a time to live. Compared by identity, so that compare-and-set replaces exactly what was read.
	 */
	private static final class Expiring {

		final byte[] value;

		final long deadline;

		Expiring(byte[] value, long deadline) {
			this.value = value;
			this.deadline = deadline;
		}

	}

}
