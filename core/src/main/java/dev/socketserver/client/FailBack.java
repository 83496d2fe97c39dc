package dev.socketserver.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a client connected to a later endpoint goes back to the first one once it is reachable again: it
 * probes the first endpoint with a bare TCP connect at each interval and, when the probe connects, closes its
 * connection to the later endpoint and connects to the first.
 *
 * @param enabled whether to probe the first endpoint
 * @param interval how long between two probes
 * @since 0.1.0
 */
public record FailBack(boolean enabled, Duration interval) {

	/**
	 * Fail-back by default: off, every 60 seconds when on.
	 */
	public static final FailBack DEFAULTS = new FailBack(false, Duration.ofSeconds(60));

	/**
	 * Validates the settings.
	 */
	public FailBack {
		Objects.requireNonNull(interval, "'interval' must not be null");
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("'interval' must be positive");
		}
	}

	/**
	 * Returns these settings switched on or off.
	 * @param enabled whether to probe the first endpoint
	 * @return the changed settings
	 */
	public FailBack withEnabled(boolean enabled) {
		return new FailBack(enabled, this.interval);
	}

	/**
	 * Returns these settings with another interval.
	 * @param interval how long between two probes
	 * @return the changed settings
	 */
	public FailBack withInterval(Duration interval) {
		return new FailBack(this.enabled, interval);
	}

}
