package dev.socketserver.heartbeat;

import java.time.Duration;
import java.util.Objects;

/**
 * When a server considers a connection dead, and how it pings quiet ones.
 *
 * @param readIdleTimeout how long a connection may send nothing before it is closed with {@code IDLE_TIMEOUT};
 * zero for never
 * @param pingInterval how long a connection may be quiet before the server pings it; zero for no server pings
 * @param maxMissedPings how many unanswered pings in a row close a connection with {@code HEARTBEAT_TIMEOUT}
 * @param pongRequired whether only a pong answers a ping; otherwise any received data does
 * @param answerPings whether the server answers client pings with a pong itself
 * @param deliverPings whether client pings and pongs also reach the handler
 * @param tick the resolution of all connection deadlines: a deadline is noticed at most one tick late
 * @since 0.1.0
 */
public record HeartbeatPolicy(Duration readIdleTimeout, Duration pingInterval, int maxMissedPings,
		boolean pongRequired, boolean answerPings, boolean deliverPings, Duration tick) {

	/**
	 * Policy by default: idle connections closed after 60 seconds, no server pings (3 missed when enabled, any data
	 * counts as an answer), client pings answered and not delivered, 1-second tick.
	 */
	public static final HeartbeatPolicy DEFAULTS = new HeartbeatPolicy(Duration.ofSeconds(60), Duration.ZERO, 3,
			false, true, false, Duration.ofSeconds(1));

	/**
	 * Validates the policy.
	 */
	public HeartbeatPolicy {
		Objects.requireNonNull(readIdleTimeout, "'readIdleTimeout' must not be null");
		Objects.requireNonNull(pingInterval, "'pingInterval' must not be null");
		Objects.requireNonNull(tick, "'tick' must not be null");
		if (readIdleTimeout.isNegative()) {
			throw new IllegalArgumentException("'readIdleTimeout' must not be negative");
		}
		if (pingInterval.isNegative()) {
			throw new IllegalArgumentException("'pingInterval' must not be negative");
		}
		if (maxMissedPings < 1) {
			throw new IllegalArgumentException("'maxMissedPings' must be at least 1");
		}
		if (tick.toMillis() < 1 || tick.toMillis() > 60_000) {
			throw new IllegalArgumentException("'tick' must be between 1ms and 60s");
		}
	}

	/**
	 * Returns whether the server pings quiet connections.
	 * @return whether pings are on
	 */
	public boolean pingsEnabled() {
		return !this.pingInterval.isZero();
	}

}
