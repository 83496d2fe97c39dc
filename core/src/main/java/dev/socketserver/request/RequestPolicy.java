package dev.socketserver.request;

import java.time.Duration;
import java.util.Objects;

/**
 * How a server's connections send requests and wait for their replies.
 *
 * @param correlation how replies are matched with requests
 * @param maxInFlight how many requests one connection may have waiting for a reply; more are refused
 * @param defaultTimeout how long a request waits for its reply when the caller gives no timeout; timeouts are
 * noticed on the connections' deadline wheel, so at most one heartbeat tick late
 * @since 0.1.0
 */
public record RequestPolicy(Correlation<?> correlation, int maxInFlight, Duration defaultTimeout) {

	/** Requests one connection may have in flight unless configured otherwise. */
	public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

	/** How long a request waits for its reply unless configured otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Validates the policy.
	 */
	public RequestPolicy {
		Objects.requireNonNull(correlation, "'correlation' must not be null");
		Objects.requireNonNull(defaultTimeout, "'defaultTimeout' must not be null");
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("'maxInFlight' must be at least 1, not " + maxInFlight);
		}
		if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
			throw new IllegalArgumentException("'defaultTimeout' must be positive");
		}
	}

	/**
	 * Returns the policy of a correlation with the default limit and timeout.
	 * @param correlation how replies are matched with requests
	 * @return the policy
	 */
	public static RequestPolicy of(Correlation<?> correlation) {
		return new RequestPolicy(correlation, DEFAULT_MAX_IN_FLIGHT, DEFAULT_TIMEOUT);
	}

	/**
	 * Returns a copy with another in-flight limit.
	 * @param maxInFlight the limit
	 * @return the policy
	 */
	public RequestPolicy withMaxInFlight(int maxInFlight) {
		return new RequestPolicy(this.correlation, maxInFlight, this.defaultTimeout);
	}

	/**
	 * Returns a copy with another default timeout.
	 * @param defaultTimeout the timeout
	 * @return the policy
	 */
	public RequestPolicy withDefaultTimeout(Duration defaultTimeout) {
		return new RequestPolicy(this.correlation, this.maxInFlight, defaultTimeout);
	}

}
