package dev.socketserver.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * Caps on what connections may hold of a server's resources.
 *
 * @param maxConnections the most connections open at once; more are refused: taken from the kernel's accept
 * queue and closed at once, counted as rejected with {@link CloseReason#CONNECTION_LIMIT}, never opened; 0 for
 * no limit
 * @param maxConnectionsPerAddress the most connections from one remote IP address; 0 for no limit
 * @param maxPendingOutboundBytes the most bytes waiting to be written to one connection before the slow-consumer
 * policy applies
 * @param slowConsumerPolicy what happens to a message sent beyond that
 * @param unwritableTimeout how long a connection may stay unwritable (its peer not reading) before it is closed as
 * a slow consumer; zero to never close for that
 * @param handlerErrorPolicy what happens to a connection whose handler threw
 * @param firstMessageTimeout how long a new connection may send nothing at all before it is closed with
 * {@link CloseReason#FIRST_MESSAGE_TIMEOUT} (slowloris defence); zero for never
 * @param frameTimeout how long a frame that has started may take to complete before the connection is closed
 * with {@link CloseReason#FRAME_TIMEOUT} (defence against trickling peers); zero for never
 * @since 0.1.0
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress, long maxPendingOutboundBytes,
		SlowConsumerPolicy slowConsumerPolicy, Duration unwritableTimeout, HandlerErrorPolicy handlerErrorPolicy,
		Duration firstMessageTimeout, Duration frameTimeout) {

	/**
	 * Limits by default: 10,000 connections, none per address, 1 MiB pending outbound, close slow consumers,
	 * unwritable for at most 30 seconds, close on handler errors, 10 seconds to send something, 30 seconds to
	 * complete a frame.
	 */
	public static final ConnectionLimits DEFAULTS = new ConnectionLimits(10_000, 0, 1024 * 1024,
			SlowConsumerPolicy.CLOSE, Duration.ofSeconds(30), HandlerErrorPolicy.CLOSE, Duration.ofSeconds(10),
			Duration.ofSeconds(30));

	/**
	 * Validates the limits.
	 */
	public ConnectionLimits {
		Objects.requireNonNull(slowConsumerPolicy, "'slowConsumerPolicy' must not be null");
		Objects.requireNonNull(unwritableTimeout, "'unwritableTimeout' must not be null");
		Objects.requireNonNull(handlerErrorPolicy, "'handlerErrorPolicy' must not be null");
		Objects.requireNonNull(firstMessageTimeout, "'firstMessageTimeout' must not be null");
		Objects.requireNonNull(frameTimeout, "'frameTimeout' must not be null");
		if (firstMessageTimeout.isNegative() || frameTimeout.isNegative()) {
			throw new IllegalArgumentException("'firstMessageTimeout' and 'frameTimeout' must not be negative");
		}
		if (maxConnections < 0) {
			throw new IllegalArgumentException("'maxConnections' must not be negative");
		}
		if (maxConnectionsPerAddress < 0) {
			throw new IllegalArgumentException("'maxConnectionsPerAddress' must not be negative");
		}
		if (maxPendingOutboundBytes <= 0) {
			throw new IllegalArgumentException("'maxPendingOutboundBytes' must be positive");
		}
		if (unwritableTimeout.isNegative()) {
			throw new IllegalArgumentException("'unwritableTimeout' must not be negative");
		}
	}

	/**
	 * Returns these limits with another most connections open at once (0 for no limit).
	 * @param maxConnections the most connections open at once (0 for no limit)
	 * @return the changed limits
	 */
	public ConnectionLimits withMaxConnections(int maxConnections) {
		return new ConnectionLimits(maxConnections, this.maxConnectionsPerAddress, this.maxPendingOutboundBytes,
				this.slowConsumerPolicy, this.unwritableTimeout, this.handlerErrorPolicy, this.firstMessageTimeout,
				this.frameTimeout);
	}

	/**
	 * Returns these limits with another most connections per remote address (0 for no limit).
	 * @param maxConnectionsPerAddress the most connections per remote address (0 for no limit)
	 * @return the changed limits
	 */
	public ConnectionLimits withMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
		return new ConnectionLimits(this.maxConnections, maxConnectionsPerAddress, this.maxPendingOutboundBytes,
				this.slowConsumerPolicy, this.unwritableTimeout, this.handlerErrorPolicy, this.firstMessageTimeout,
				this.frameTimeout);
	}

	/**
	 * Returns these limits with another most bytes pending for one connection.
	 * @param maxPendingOutboundBytes the most bytes pending for one connection
	 * @return the changed limits
	 */
	public ConnectionLimits withMaxPendingOutboundBytes(long maxPendingOutboundBytes) {
		return new ConnectionLimits(this.maxConnections, this.maxConnectionsPerAddress, maxPendingOutboundBytes,
				this.slowConsumerPolicy, this.unwritableTimeout, this.handlerErrorPolicy, this.firstMessageTimeout,
				this.frameTimeout);
	}

	/**
	 * Returns these limits with another slow-consumer policy.
	 * @param slowConsumerPolicy the slow-consumer policy
	 * @return the changed limits
	 */
	public ConnectionLimits withSlowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
		return new ConnectionLimits(this.maxConnections, this.maxConnectionsPerAddress, this.maxPendingOutboundBytes,
				slowConsumerPolicy, this.unwritableTimeout, this.handlerErrorPolicy, this.firstMessageTimeout,
				this.frameTimeout);
	}

	/**
	 * Returns these limits with another unwritable timeout.
	 * @param unwritableTimeout the unwritable timeout
	 * @return the changed limits
	 */
	public ConnectionLimits withUnwritableTimeout(Duration unwritableTimeout) {
		return new ConnectionLimits(this.maxConnections, this.maxConnectionsPerAddress, this.maxPendingOutboundBytes,
				this.slowConsumerPolicy, unwritableTimeout, this.handlerErrorPolicy, this.firstMessageTimeout,
				this.frameTimeout);
	}

	/**
	 * Returns these limits with another handler error policy.
	 * @param handlerErrorPolicy the handler error policy
	 * @return the changed limits
	 */
	public ConnectionLimits withHandlerErrorPolicy(HandlerErrorPolicy handlerErrorPolicy) {
		return new ConnectionLimits(this.maxConnections, this.maxConnectionsPerAddress, this.maxPendingOutboundBytes,
				this.slowConsumerPolicy, this.unwritableTimeout, handlerErrorPolicy, this.firstMessageTimeout,
				this.frameTimeout);
	}

	/**
	 * Returns these limits with another first-message timeout.
	 * @param firstMessageTimeout the first-message timeout
	 * @return the changed limits
	 */
	public ConnectionLimits withFirstMessageTimeout(Duration firstMessageTimeout) {
		return new ConnectionLimits(this.maxConnections, this.maxConnectionsPerAddress, this.maxPendingOutboundBytes,
				this.slowConsumerPolicy, this.unwritableTimeout, this.handlerErrorPolicy, firstMessageTimeout,
				this.frameTimeout);
	}

	/**
	 * Returns these limits with another frame timeout.
	 * @param frameTimeout the frame timeout
	 * @return the changed limits
	 */
	public ConnectionLimits withFrameTimeout(Duration frameTimeout) {
		return new ConnectionLimits(this.maxConnections, this.maxConnectionsPerAddress, this.maxPendingOutboundBytes,
				this.slowConsumerPolicy, this.unwritableTimeout, this.handlerErrorPolicy, this.firstMessageTimeout,
				frameTimeout);
	}

}
