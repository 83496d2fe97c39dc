package dev.socketserver.access;

import java.util.Objects;

/**
 * How many messages one connection may send: a token bucket that holds {@code burst} messages and refills at
 * {@code messagesPerSecond}.
 *
 * @param messagesPerSecond the sustained rate, positive
 * @param burst how many messages may arrive at once after a quiet spell, at least 1
 * @param policy what happens to a connection over the limit
 * @since 0.1.0
 */
public record MessageRateLimit(double messagesPerSecond, int burst, RateLimitPolicy policy) {

	/**
	 * Validates the limit.
	 */
	public MessageRateLimit {
		Objects.requireNonNull(policy, "'policy' must not be null");
		if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
			throw new IllegalArgumentException("'messagesPerSecond' must be positive");
		}
		if (burst < 1) {
			throw new IllegalArgumentException("'burst' must be at least 1");
		}
	}

}
