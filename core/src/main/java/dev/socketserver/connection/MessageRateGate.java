package dev.socketserver.connection;

import java.util.concurrent.TimeUnit;

import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.access.RateLimitPolicy;

/**
 * The token bucket of one connection's message rate, created only for servers with a message rate limit. Plain
 * fields on the event loop: no allocation, lock or clock read per message while tokens last.
 */
final class MessageRateGate implements Runnable {

	private final ChannelConnection connection;

	private final ConnectionManager manager;

	private final MessageRateLimit limit;

	private double tokens;

	private long stampNanos;

	MessageRateGate(ChannelConnection connection, MessageRateLimit limit, long now) {
		this.connection = connection;
		this.manager = connection.manager;
		this.limit = limit;
		this.tokens = this.manager.messageBurst;
		this.stampNanos = now;
	}

	/**
	 * Takes a token for a message. The clock is read only when the bucket runs dry: it was refilled at the end of
	 * the previous read batch.
	 * @return whether the message goes on to the handler
	 */
	boolean admit(Object message) {
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

	void refill(long now) {
		double refilled = this.tokens + (now - this.stampNanos) * this.manager.messageRatePerNano;
		this.tokens = Math.min(refilled, this.manager.messageBurst);
		this.stampNanos = now;
	}

	private void scheduleResume() {
		long waitNanos = (long) Math.ceil((1 - this.tokens) / this.manager.messageRatePerNano);
		this.connection.channel().eventLoop().schedule(this, Math.max(waitNanos, 1), TimeUnit.NANOSECONDS);
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

}
