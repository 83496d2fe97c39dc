package dev.socketserver.access;

import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;

/**
 * The token bucket of one connection's message rate, created only for servers with a message rate limit. Plain
 * fields on the event loop: no allocation, lock or clock read per message while tokens last.
 */
public final class MessageRateGate implements Runnable {

	private final Owner connection;

	private final MessageRateLimit limit;

	private final double perNano;

	private double tokens;

	private long stampNanos;

	/**
	 * Creates the bucket of a connection, full.
	 * @param connection the connection
	 * @param limit the server's limit
	 * @param now the time
	 */
	public MessageRateGate(Owner connection, MessageRateLimit limit, long now) {
		this.connection = connection;
		this.limit = limit;
		this.perNano = limit.messagesPerSecond() / 1e9;
		this.tokens = limit.burst();
		this.stampNanos = now;
	}

	/**
	 * Takes a token for a message. The clock is read only when the bucket runs dry: it was refilled at the end of
	 * the previous read batch.
	 * @param message the message
	 * @return whether the message goes on to the handler
	 */
	public boolean admit(Object message) {
		double available = this.tokens;
		if (available >= 1) {
			this.tokens = available - 1;
			return true;
		}
		return overRate(message);
	}

	private boolean overRate(Object message) {
		refill(this.connection.now());
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		if (this.limit.policy() == RateLimitPolicy.CLOSE) {
			this.connection.closeAsRateLimited(message,
					"more than " + this.limit.messagesPerSecond() + " messages per second");
			return false;
		}
		// The message is decoded already: it goes on, and is paid back before anything more is read or decoded.
		this.tokens -= 1;
		if (this.connection.pauseForRate()) {
			scheduleResume();
		}
		return true;
	}

	/**
	 * Adds the tokens earned since the last refill; at the end of every read batch.
	 * @param now the time
	 */
	public void refill(long now) {
		double refilled = this.tokens + (now - this.stampNanos) * this.perNano;
		this.tokens = Math.min(refilled, this.limit.burst());
		this.stampNanos = now;
	}

	private void scheduleResume() {
		long waitNanos = (long) Math.ceil((1 - this.tokens) / this.perNano);
		this.connection.eventLoop().schedule(this, Math.max(waitNanos, 1), TimeUnit.NANOSECONDS);
	}

	/**
	 * Resumes reading once a token is back.
	 */
	@Override
	public void run() {
		if (!this.connection.isReading()) {
			return;
		}
		long now = this.connection.now();
		refill(now);
		if (this.tokens < 1) {
			scheduleResume();
			return;
		}
		this.connection.resumeAfterRatePause(now);
	}

	/**
	 * What the bucket needs of its connection; called on its event loop.
	 */
	public interface Owner {

		/**
		 * Returns the loop's time.
		 * @return the ticker time
		 */
		long now();

		/**
		 * Returns the connection's event loop.
		 * @return the loop
		 */
		EventExecutor eventLoop();

		/**
		 * Returns whether the connection still reads and decodes input.
		 * @return whether it reads
		 */
		boolean isReading();

		/**
		 * Stops reading until the rate allows it again.
		 * @return whether reading was not paused for the rate already, so that a resume must be scheduled
		 */
		boolean pauseForRate();

		/**
		 * Reads again: a token is back.
		 * @param now the time
		 */
		void resumeAfterRatePause(long now);

		/**
		 * Closes the connection for going over the rate, with the limit's close policy.
		 * @param message the message over the rate, to release
		 * @param detail what was exceeded
		 */
		void closeAsRateLimited(Object message, String detail);

	}

}
