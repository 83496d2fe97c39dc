package dev.socketserver.connection;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.util.concurrent.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings about connections closed or refused to protect the server, at most a few per interval: a flood of bad
 * clients must not become a flood of log lines. What is not logged is counted and reported with the next line.
 * Safe from any thread.
 */
final class ProtectionLog {

	private static final Logger logger = LoggerFactory.getLogger(ProtectionLog.class);

	private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final long SUPPRESSED = -1;

	private static final int MAX_DETAIL_LENGTH = 200;

	private final int linesPerInterval;

	private final Ticker ticker;

	private final AtomicLong windowStart;

	private final AtomicLong linesInWindow = new AtomicLong();

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Creates a log.
	 * @param linesPerInterval the most lines written per ten seconds
	 */
	ProtectionLog(int linesPerInterval) {
		this(linesPerInterval, Ticker.systemTicker());
	}

	ProtectionLog(int linesPerInterval, Ticker ticker) {
		this.linesPerInterval = linesPerInterval;
		this.ticker = ticker;
		this.windowStart = new AtomicLong(ticker.nanoTime() - INTERVAL_NANOS - 1);
	}

	void closed(Connection connection, CloseReason reason, String unsafeDetail) {
		long skipped = admit();
		if (skipped == SUPPRESSED) {
			return;
		}
		String detail = printable(unsafeDetail);
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

	void forbidden(Connection connection, String who, String authority) {
		long skipped = admit();
		if (skipped == SUPPRESSED) {
			return;
		}
		logger.warn("Refused a message of connection {} from {} on socket server '{}': {} lacks authority {}; {} more "
				+ "refused since the last report", connection.id(), connection.remoteAddress(), connection.serverName(),
				who, authority, skipped);
	}

	void refused(SocketAddress remote, String serverName, CloseReason reason, ConnectionLimits limits) {
		long skipped = admit();
		if (skipped == SUPPRESSED) {
			return;
		}
		if (reason == CloseReason.CONNECTION_LIMIT) {
			logger.warn("Refused connection from {} on socket server '{}': {} (limits {} total, {} per address); {} "
					+ "more refused since the last report", remote, serverName, reason, limits.maxConnections(),
					limits.maxConnectionsPerAddress(), skipped);
		}
		else {
			logger.warn("Refused connection from {} on socket server '{}': {}; {} more refused since the last report",
					remote, serverName, reason, skipped);
		}
	}

	/**
	 * Makes a detail that may quote the peer (a device id it claimed, a decoder's complaint about its bytes) safe
	 * to log: one short line, so that a peer cannot forge log lines or flood one.
	 */
	static String printable(String detail) {
		int length = Math.min(detail.length(), MAX_DETAIL_LENGTH);
		StringBuilder printable = new StringBuilder(length + 3);
		for (int i = 0; i < length; i++) {
			char c = detail.charAt(i);
			printable.append((c < 0x20 || c == 0x7f || Character.isISOControl(c)) ? '?' : c);
		}
		return (detail.length() > MAX_DETAIL_LENGTH) ? printable.append("...").toString() : printable.toString();
	}

	/**
	 * Takes a line from the interval's budget.
	 * @return how many were suppressed since the last line, or {@link #SUPPRESSED} if this one is
	 */
	private long admit() {
		long now = this.ticker.nanoTime();
		long start = this.windowStart.get();
		if (now - start > INTERVAL_NANOS && this.windowStart.compareAndSet(start, now)) {
			this.linesInWindow.set(0);
		}
		if (this.linesInWindow.incrementAndGet() > this.linesPerInterval) {
			this.suppressed.incrementAndGet();
			return SUPPRESSED;
		}
		return this.suppressed.getAndSet(0);
	}

}
