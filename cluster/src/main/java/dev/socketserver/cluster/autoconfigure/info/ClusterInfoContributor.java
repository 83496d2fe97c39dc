package dev.socketserver.cluster.autoconfigure.info;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.socketserver.cluster.ClusterNode;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@link InfoContributor} of a {@code cluster} entry: this node's id, whether it reaches Redis, the live nodes as
 * of its last heartbeat, and how messages travel between nodes. It reads what the node holds, without a Redis
 * round trip.
 *
 * @since 0.1.0
 */
public class ClusterInfoContributor implements InfoContributor {

	private static final String DELIVERY = "redis-pub-sub";

	private final ClusterNode node;

	/**
	 * Creates a contributor for a node.
	 * @param node this node
	 */
	public ClusterInfoContributor(ClusterNode node) {
		this.node = node;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> cluster = new LinkedHashMap<>();
		cluster.put("nodeId", this.node.id());
		cluster.put("available", this.node.isAvailable());
		List<String> live = this.node.liveNodes();
		cluster.put("liveNodes", live);
		cluster.put("liveNodeCount", live.size());
		cluster.put("delivery", DELIVERY);
		builder.withDetail("cluster", cluster);
	}

}
