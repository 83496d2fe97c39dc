package dev.socketserver.cluster.autoconfigure.health;

import java.time.Duration;

import dev.socketserver.cluster.ClusterNode;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of this node's part in the cluster: UP while its heartbeat is written and its probe comes back through
 * its own channel within the probe timeout, DOWN otherwise. A dead subscription is DOWN even when the Redis
 * connection looks alive. The socket servers' own health is not affected.
 *
 * @since 0.1.0
 */
public class ClusterHealthIndicator extends AbstractHealthIndicator {

	private final ClusterNode node;

	/**
	 * Creates an indicator.
	 * @param node the node
	 */
	public ClusterHealthIndicator(ClusterNode node) {
		super("Cluster health check failed");
		this.node = node;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.node.isAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("node", this.node.id())
			.withDetail("liveNodes", this.node.liveNodes())
			.withDetail("heartbeatWritten", this.node.isHeartbeatWritten());
		Duration age = this.node.lastProbeAge();
		builder.withDetail("lastProbe", (age != null) ? age.toMillis() + "ms ago" : "never");
		Duration roundTrip = this.node.lastProbeRoundTrip();
		if (roundTrip != null) {
			builder.withDetail("probeRoundTrip", roundTrip.toNanos() / 1000 + "us");
		}
	}

}
