package dev.socketserver.cluster.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.socketserver.cluster.ClusterNode;
import dev.socketserver.cluster.ClusterStats;
import dev.socketserver.cluster.ClusterStats.Failure;
import dev.socketserver.cluster.ClusterStats.ServerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for this node's part in the cluster: what it sent to and received from other nodes per
 * server, routing misses, failed sends, delivery lag, redeliveries and duplicates, stored messages for offline
 * identities, registry size, queue depth and liveness. It observes the
 * node and never owns it.
 *
 * @since 0.1.0
 */
public final class ClusterMetrics implements MeterBinder {

	private final ClusterNode node;

	private final ClusterStats stats;

	private final Collection<String> servers;

	/**
	 * Creates the binder.
	 * @param node this node
	 * @param stats its figures
	 * @param servers the names of the servers to report on
	 */
	public ClusterMetrics(ClusterNode node, ClusterStats stats, Collection<String> servers) {
		this.node = node;
		this.stats = stats;
		this.servers = List.copyOf(servers);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String server : this.servers) {
			ServerStats figures = this.stats.server(server);
			Tags tags = Tags.of("server", server);
			FunctionCounter.builder(ClusterMeters.MESSAGES_SENT.meterName(), figures, ServerStats::sent)
				.description("Envelopes published to other nodes")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder(ClusterMeters.MESSAGES_RECEIVED.meterName(), figures, ServerStats::received)
				.description("Messages, requests and replies received from other nodes")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder(ClusterMeters.ROUTING_MISSES.meterName(), figures, ServerStats::routingMisses)
				.description("Sends and requests to an identity that no node had")
				.tags(tags)
				.register(registry);
			for (Failure failure : Failure.values()) {
				FunctionCounter
					.builder(ClusterMeters.SENDS_FAILED.meterName(), figures, (stats) -> stats.failed(failure))
					.description("Sends whose part for other nodes failed")
					.tags(tags.and("reason", failure.name().toLowerCase(Locale.ROOT).replace('_', '-')))
					.register(registry);
			}
			FunctionTimer
				.builder(ClusterMeters.DELIVERY_LAG.meterName(), figures, ServerStats::lagCount,
						ServerStats::lagTotalMillis, TimeUnit.MILLISECONDS)
				.description("Time from a send on another node to its delivery here")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder(ClusterMeters.REDELIVERIES.meterName(), figures, ServerStats::redeliveries)
				.description("Stream entries read again because they were not acknowledged before")
				.tags(tags)
				.register(registry);
			FunctionCounter
				.builder(ClusterMeters.DUPLICATES_DROPPED.meterName(), figures, ServerStats::duplicatesDropped)
				.description("Envelopes dropped because one with the same message id was delivered already")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder(ClusterMeters.OFFLINE_STORED.meterName(), figures, ServerStats::offlineStored)
				.description("Sends to an identity that no node had, stored until it binds")
				.tags(tags)
				.register(registry);
			FunctionCounter
				.builder(ClusterMeters.OFFLINE_FORWARDED.meterName(), figures, ServerStats::offlineForwarded)
				.description("Stored messages delivered when their identity bound on this node")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder(ClusterMeters.OFFLINE_DROPPED.meterName(), figures, ServerStats::offlineDropped)
				.description("Stored messages dropped to keep the most allowed per identity")
				.tags(tags)
				.register(registry);
		}
		Tags node = Tags.of("node", this.node.id());
		Gauge.builder(ClusterMeters.REGISTRY_ENTRIES.meterName(), this.node, ClusterNode::registrySize)
			.description("Identities and groups this node holds in the cluster registry")
			.tags(node)
			.register(registry);
		Gauge.builder(ClusterMeters.QUEUE_DEPTH.meterName(), this.node, ClusterNode::queueDepth)
			.description("Sends waiting to go to Redis")
			.tags(node)
			.register(registry);
		Gauge.builder(ClusterMeters.NODES_LIVE.meterName(), this.node, (cluster) -> cluster.liveNodes().size())
			.description("Live nodes of the cluster")
			.tags(node)
			.register(registry);
		Gauge.builder(ClusterMeters.CONNECTED.meterName(), this.node, (cluster) -> cluster.isAvailable() ? 1 : 0)
			.description("Whether this node is connected to the cluster")
			.tags(node)
			.register(registry);
	}

}
