package dev.socketserver.heartbeat;

import java.time.Duration;

/**
 * Every deadline of a server's connections in ticker nanoseconds, zero for a deadline that is off: what
 * {@link Deadlines} are checked against.
 *
 * @param firstMessageNanos how long a new connection may send nothing at all
 * @param frameNanos how long a started frame may take to complete
 * @param readIdleNanos how long a connection may send nothing, and drain nothing, before it is idle
 * @param unwritableNanos how long a connection may stay unwritable without draining anything
 * @param pingIntervalNanos how long a connection may be quiet before it is pinged
 * @param maxMissedPings how many unanswered pings in a row make a connection dead
 * @param pongRequired whether only a pong answers a ping, rather than any received data
 * @param tickNanos the resolution of the deadlines
 * @param authenticationNanos how long a new connection may stay unauthenticated, on a server that authenticates
 * @param requestNanos the default timeout of requests waiting for replies, on a server that correlates them
 * @since 0.1.0
 */
public record DeadlinePolicy(long firstMessageNanos, long frameNanos, long readIdleNanos, long unwritableNanos,
		long pingIntervalNanos, int maxMissedPings, boolean pongRequired, long tickNanos,
		long authenticationNanos, long requestNanos) {

	/**
	 * Returns the deadlines of a heartbeat policy and of the connection limits' timeouts.
	 * @param heartbeat the heartbeat policy
	 * @param pings whether the server can ping (it has heartbeat messages)
	 * @param firstMessageTimeout the first-message timeout, zero for none
	 * @param frameTimeout the frame timeout, zero for none
	 * @param unwritableTimeout the unwritable timeout, zero for none
	 * @param authenticationTimeout the authentication timeout, zero for none
	 * @param requestTimeout the default request timeout, zero for a server without requests
	 * @return the policy
	 */
	public static DeadlinePolicy of(HeartbeatPolicy heartbeat, boolean pings, Duration firstMessageTimeout,
			Duration frameTimeout, Duration unwritableTimeout, Duration authenticationTimeout,
			Duration requestTimeout) {
		return new DeadlinePolicy(firstMessageTimeout.toNanos(), frameTimeout.toNanos(),
				heartbeat.readIdleTimeout().toNanos(), unwritableTimeout.toNanos(),
				pings ? heartbeat.pingInterval().toNanos() : 0, heartbeat.maxMissedPings(), heartbeat.pongRequired(),
				heartbeat.tick().toNanos(), authenticationTimeout.toNanos(), requestTimeout.toNanos());
	}

	/**
	 * Returns the longest deadline, which sizes the timing wheels; zero when every deadline is off.
	 * @return the longest deadline in nanoseconds
	 */
	public long longestNanos() {
		return Math.max(Math.max(Math.max(this.readIdleNanos, this.pingIntervalNanos),
				Math.max(this.authenticationNanos, this.requestNanos)),
				Math.max(Math.max(this.firstMessageNanos, this.frameNanos), this.unwritableNanos));
	}

}
