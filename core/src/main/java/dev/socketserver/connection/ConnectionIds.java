package dev.socketserver.connection;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues connection ids: a per-process random prefix and a sequence, both in base 36, such as {@code 3k9zq-1b2}.
 * Unique within the process and, with high probability, across the nodes of a cluster and restarts; no lock, one
 * small string per connection.
 */
final class ConnectionIds {

	private static final String PREFIX = Long.toString((new SecureRandom().nextInt() & 0x7fffffffL) % 60_466_176L
			+ 60_466_176L, 36) + "-";

	private static final AtomicLong sequence = new AtomicLong();

	private ConnectionIds() {
	}

	static String next() {
		return PREFIX + Long.toString(sequence.incrementAndGet(), 36);
	}

}
