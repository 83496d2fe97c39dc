package dev.socketserver.access;

/**
 * How many new connections one remote address may open: a token bucket per address that holds {@code burst}
 * connections and refills at {@code connectionsPerSecond}. Buckets live in a table of at most
 * {@code trackedAddresses} entries, so that a peer with many addresses cannot grow it.
 *
 * @param connectionsPerSecond the sustained rate per address, positive
 * @param burst how many connections an address may open at once, at least 1
 * @param trackedAddresses how many addresses are remembered at most; rounded up to a power of two, at least 16
 * @since 0.1.0
 */
public record ConnectionRateLimit(double connectionsPerSecond, int burst, int trackedAddresses) {

	/**
	 * Number of addresses tracked by default: about half a megabyte of table.
	 */
	public static final int DEFAULT_TRACKED_ADDRESSES = 16_384;

	/**
	 * Validates the limit.
	 */
	public ConnectionRateLimit {
		if (!(connectionsPerSecond > 0) || Double.isInfinite(connectionsPerSecond)) {
			throw new IllegalArgumentException("'connectionsPerSecond' must be positive");
		}
		if (burst < 1) {
			throw new IllegalArgumentException("'burst' must be at least 1");
		}
		if (trackedAddresses < 16 || trackedAddresses > (1 << 24)) {
			throw new IllegalArgumentException("'trackedAddresses' must be between 16 and 16777216");
		}
	}

}
