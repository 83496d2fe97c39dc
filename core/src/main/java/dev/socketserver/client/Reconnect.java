package dev.socketserver.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When a client connects again after a failed connect or a lost connection: after a delay that starts at the
 * initial delay, grows by the multiplier with each failure in a row up to the maximum, and is shortened at random
 * by up to the jitter (a fraction of it), so that clients that lost the same server do not all come back at the
 * same instant. A connection that succeeds resets the delay.
 *
 * @param enabled whether to connect again at all; without, the client closes once its connections are lost
 * @param initialDelay the delay after a lost connection or a first failure
 * @param maxDelay the longest delay
 * @param multiplier how much the delay grows with each failure in a row, at least 1
 * @param jitter the largest fraction of the delay taken off at random, between 0 and 1
 * @since 0.1.0
 */
public record Reconnect(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
		double jitter) {

	/**
	 * Reconnects by default: on, from 100 milliseconds doubling up to 30 seconds, less up to 20% at random.
	 */
	public static final Reconnect DEFAULTS = new Reconnect(true, Duration.ofMillis(100), Duration.ofSeconds(30), 2.0,
			0.2);

	/**
	 * Validates the settings.
	 */
	public Reconnect {
		Objects.requireNonNull(initialDelay, "'initialDelay' must not be null");
		Objects.requireNonNull(maxDelay, "'maxDelay' must not be null");
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException("'initialDelay' must not be negative");
		}
		if (maxDelay.compareTo(initialDelay) < 0) {
			throw new IllegalArgumentException("'maxDelay' (" + maxDelay + ") must not be below 'initialDelay' ("
					+ initialDelay + ")");
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("'multiplier' must be at least 1, not " + multiplier);
		}
		if (!(jitter >= 0.0 && jitter <= 1.0)) {
			throw new IllegalArgumentException("'jitter' must be between 0 and 1, not " + jitter);
		}
	}

	/**
	 * Returns the delay before an attempt.
	 * @param failures the failures in a row before it, 0 after a lost connection or for the first retry
	 * @param random a number between 0 (inclusive) and 1 (exclusive) that picks the jitter
	 * @return the delay, never above the maximum
	 */
	public Duration delay(int failures, double random) {
		double nanos = this.initialDelay.toNanos() * Math.pow(this.multiplier, Math.max(0, failures));
		double capped = Math.min(nanos, this.maxDelay.toNanos());
		return Duration.ofNanos((long) (capped * (1.0 - this.jitter * random)));
	}

	/**
	 * Returns these settings switched on or off.
	 * @param enabled whether to connect again
	 * @return the changed settings
	 */
	public Reconnect withEnabled(boolean enabled) {
		return new Reconnect(enabled, this.initialDelay, this.maxDelay, this.multiplier, this.jitter);
	}

	/**
	 * Returns these settings with another initial delay.
	 * @param initialDelay the initial delay
	 * @return the changed settings
	 */
	public Reconnect withInitialDelay(Duration initialDelay) {
		return new Reconnect(this.enabled, initialDelay, this.maxDelay, this.multiplier, this.jitter);
	}

	/**
	 * Returns these settings with another maximum delay.
	 * @param maxDelay the maximum delay
	 * @return the changed settings
	 */
	public Reconnect withMaxDelay(Duration maxDelay) {
		return new Reconnect(this.enabled, this.initialDelay, maxDelay, this.multiplier, this.jitter);
	}

	/**
	 * Returns these settings with another multiplier.
	 * @param multiplier the multiplier
	 * @return the changed settings
	 */
	public Reconnect withMultiplier(double multiplier) {
		return new Reconnect(this.enabled, this.initialDelay, this.maxDelay, multiplier, this.jitter);
	}

	/**
	 * Returns these settings with another jitter.
	 * @param jitter the jitter
	 * @return the changed settings
	 */
	public Reconnect withJitter(double jitter) {
		return new Reconnect(this.enabled, this.initialDelay, this.maxDelay, this.multiplier, jitter);
	}

}
