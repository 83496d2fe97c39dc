package dev.socketserver.connection;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings about connections closed to protect the server, at most a few per interval: a flood of bad clients
 * must not become a flood of log lines. What is not logged is counted and reported with the next line.
 */
final class ProtectionLog {

	private static final Logger logger = LoggerFactory.getLogger(ProtectionLog.class);

	private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final int LINES_PER_INTERVAL = 10;

	private final AtomicLong windowStart = new AtomicLong(System.nanoTime());

	private final AtomicLong linesInWindow = new AtomicLong();

	private final AtomicLong suppressed = new AtomicLong();

	void closed(ChannelConnection connection, CloseReason reason, String detail) {
		long now = System.nanoTime();
		long start = this.windowStart.get();
		if (now - start > INTERVAL_NANOS && this.windowStart.compareAndSet(start, now)) {
			this.linesInWindow.set(0);
		}
		if (this.linesInWindow.incrementAndGet() > LINES_PER_INTERVAL) {
			this.suppressed.incrementAndGet();
			return;
		}
		long skipped = this.suppressed.getAndSet(0);
		if (skipped > 0) {
			logger.warn("Closing connection {} from {} on socket server '{}': {} ({}); {} similar closes were not "
					+ "logged", connection.id(), connection.remoteAddress(), connection.serverName(), reason, detail,
					skipped);
		}
		else {
			logger.warn("Closing connection {} from {} on socket server '{}': {} ({})", connection.id(),
					connection.remoteAddress(), connection.serverName(), reason, detail);
		}
	}

}
