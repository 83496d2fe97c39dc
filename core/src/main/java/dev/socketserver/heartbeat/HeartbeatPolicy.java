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

	/**
	 * Returns this policy with another read-idle timeout.
	 * @param readIdleTimeout the read-idle timeout
	 * @return the changed policy
	 */
	public HeartbeatPolicy withReadIdleTimeout(Duration readIdleTimeout) {
		return new HeartbeatPolicy(readIdleTimeout, this.pingInterval, this.maxMissedPings, this.pongRequired,
				this.answerPings, this.deliverPings, this.tick);
	}

	/**
	 * Returns this policy with another ping interval.
	 * @param pingInterval the ping interval
	 * @return the changed policy
	 */
	public HeartbeatPolicy withPingInterval(Duration pingInterval) {
		return new HeartbeatPolicy(this.readIdleTimeout, pingInterval, this.maxMissedPings, this.pongRequired,
				this.answerPings, this.deliverPings, this.tick);
	}

	/**
	 * Returns this policy with another number of missed pings that closes a connection.
	 * @param maxMissedPings the number of missed pings that closes a connection
	 * @return the changed policy
	 */
	public HeartbeatPolicy withMaxMissedPings(int maxMissedPings) {
		return new HeartbeatPolicy(this.readIdleTimeout, this.pingInterval, maxMissedPings, this.pongRequired,
				this.answerPings, this.deliverPings, this.tick);
	}

	/**
	 * Returns this policy with another choice of whether only a pong answers a ping.
	 * @param pongRequired the choice of whether only a pong answers a ping
	 * @return the changed policy
	 */
	public HeartbeatPolicy withPongRequired(boolean pongRequired) {
		return new HeartbeatPolicy(this.readIdleTimeout, this.pingInterval, this.maxMissedPings, pongRequired,
				this.answerPings, this.deliverPings, this.tick);
	}

	/**
	 * Returns this policy with another choice of whether the server answers client pings.
	 * @param answerPings the choice of whether the server answers client pings
	 * @return the changed policy
	 */
	public HeartbeatPolicy withAnswerPings(boolean answerPings) {
		return new HeartbeatPolicy(this.readIdleTimeout, this.pingInterval, this.maxMissedPings, this.pongRequired,
				answerPings, this.deliverPings, this.tick);
	}

	/**
	 * Returns this policy with another choice of whether pings reach the handler.
	 * @param deliverPings the choice of whether pings reach the handler
	 * @return the changed policy
	 */
	public HeartbeatPolicy withDeliverPings(boolean deliverPings) {
		return new HeartbeatPolicy(this.readIdleTimeout, this.pingInterval, this.maxMissedPings, this.pongRequired,
				this.answerPings, deliverPings, this.tick);
	}

	/**
	 * Returns this policy with another tick.
	 * @param tick the tick
	 * @return the changed policy
	 */
	public HeartbeatPolicy withTick(Duration tick) {
		return new HeartbeatPolicy(this.readIdleTimeout, this.pingInterval, this.maxMissedPings, this.pongRequired,
				this.answerPings, this.deliverPings, tick);
	}

}
