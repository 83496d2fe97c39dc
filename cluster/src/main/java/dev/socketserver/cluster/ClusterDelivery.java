package dev.socketserver.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the cluster guarantees for the messages of each server: at most once over pub/sub (the default) or at
 * least once over a Redis Stream per node, and whether a send to an identity that no node has is kept in Redis
 * until the identity binds somewhere. Immutable.
 *
 * @param defaultMode the mode of servers without one of their own
 * @param servers the mode of each server that differs from the default
 * @param streamMaxLength the approximate most entries each node's stream keeps
 * @param offlineEnabled whether sends to identities that no node has are stored
 * @param offlineServers the servers whose sends are stored, or empty for all
 * @param offlineRetention how long stored messages of an identity live after the last one was stored
 * @param offlineMaxMessages the most messages stored per identity; older ones are dropped
 * @since 0.1.0
 */
public record ClusterDelivery(Mode defaultMode, Map<String, Mode> servers, long streamMaxLength,
		boolean offlineEnabled, Set<String> offlineServers, Duration offlineRetention, int offlineMaxMessages) {

	/** At most once for every server, nothing stored: what the cluster did before delivery modes existed. */
	public static final ClusterDelivery DEFAULT = new ClusterDelivery(Mode.AT_MOST_ONCE, Map.of(), 100_000, false,
			Set.of(), Duration.ofHours(1), 100);

	/**
	 * Checks the settings.
	 * @param defaultMode the default mode
	 * @param servers the modes per server
	 * @param streamMaxLength the stream length
	 * @param offlineEnabled whether offline storage is on
	 * @param offlineServers the servers stored for
	 * @param offlineRetention the retention
	 * @param offlineMaxMessages the most messages per identity
	 */
	public ClusterDelivery {
		Objects.requireNonNull(defaultMode, "'defaultMode' must not be null");
		servers = Map.copyOf(servers);
		offlineServers = Set.copyOf(offlineServers);
		Objects.requireNonNull(offlineRetention, "'offlineRetention' must not be null");
		if (streamMaxLength < 1 || offlineMaxMessages < 1 || offlineRetention.isNegative()
				|| offlineRetention.isZero()) {
			throw new IllegalArgumentException(
					"'streamMaxLength', 'offlineMaxMessages' and 'offlineRetention' must be positive");
		}
	}

	/**
	 * Returns the mode of a server.
	 * @param server the server's name
	 * @return its mode
	 */
	public Mode mode(String server) {
		return this.servers.getOrDefault(server, this.defaultMode);
	}

	/**
	 * Returns whether any server is delivered at least once, so that the node reads its stream.
	 * @return whether a stream is needed
	 */
	public boolean usesStreams() {
		return this.defaultMode == Mode.AT_LEAST_ONCE || this.servers.containsValue(Mode.AT_LEAST_ONCE);
	}

	/**
	 * Returns whether the sends to identities of a server that no node has are stored.
	 * @param server the server's name
	 * @return whether they are stored
	 */
	public boolean storesOffline(String server) {
		return this.offlineEnabled && (this.offlineServers.isEmpty() || this.offlineServers.contains(server));
	}

	/**
	 * How messages of a server travel to other nodes.
	 */
	public enum Mode {

		/** Redis pub/sub: a node cut off from Redis misses what is sent meanwhile. */
		AT_MOST_ONCE,

		/**
		 * A Redis Stream per node, read with a consumer group and acknowledged after delivery: a node cut off
		 * from Redis, or whose reading stopped before it acknowledged, gets the messages when it reads again.
		 */
		AT_LEAST_ONCE

	}

}
