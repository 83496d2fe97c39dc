package dev.socketserver.cluster;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import dev.socketserver.cluster.ClusterRegistryListener.RegistryKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the messages stored for an identity that no node had to its connections once it binds on this node.
 * The registry tells it after it wrote the identity's field, so that a send crossing the bind either saw the
 * field and was routed here, or was stored before the list is drained. The drain runs on a send thread, never
 * on an event loop.
 */
final class ClusterOffline {

	private static final Logger logger = LoggerFactory.getLogger(ClusterOffline.class);

	private final ClusterNode node;

	private final ClusterPayloads payloads;

	private final ClusterStats stats;

	ClusterOffline(ClusterNode node, ClusterPayloads payloads, ClusterStats stats) {
		this.node = node;
		this.payloads = payloads;
		this.stats = stats;
	}

	void registered(List<RegistryKey> identities) {
		List<RegistryKey> stored = identities.stream()
			.filter((key) -> this.node.delivery().storesOffline(key.server()))
			.toList();
		if (stored.isEmpty()) {
			return;
		}
		try {
			this.node.submit(() -> {
				stored.forEach(this::drain);
				return null;
			});
		}
		catch (RejectedExecutionException ex) {
			// The messages stay stored until the identity binds again.
			logger.debug("Cluster node '{}' could not take stored messages: queue full or stopping", this.node.id());
		}
	}

	private void drain(RegistryKey key) {
		List<byte[]> envelopes;
		try {
			envelopes = this.node.redis().drain(this.node.keys().offline(key.server(), key.name()));
		}
		catch (RuntimeException ex) {
			logger.warn("Cluster node '{}' could not take the stored messages of '{}' on socket server '{}'",
					this.node.id(), key.name(), key.server(), ex);
			return;
		}
		ClusterStats.ServerStats stats = this.stats.server(key.server());
		for (byte[] bytes : envelopes) {
			try {
				ClusterEnvelope envelope = ClusterEnvelope.decode(bytes);
				this.payloads.deliverToIdentity(key.server(), key.name(), envelope.payload());
				stats.recordForwarded();
			}
			catch (RuntimeException ex) {
				logger.warn("Cluster node '{}' could not deliver a stored message of '{}' on socket server '{}'",
						this.node.id(), key.name(), key.server(), ex);
			}
		}
	}

}
