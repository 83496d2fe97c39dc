package dev.socketserver.cluster.autoconfigure.info;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.socketserver.cluster.ClusterDelivery;
import dev.socketserver.cluster.ClusterNode;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@link InfoContributor} of a {@code cluster} entry: this node's id, whether it reaches Redis, the live nodes as
 * of its last heartbeat, and the delivery modes. It reads what the node holds, without a Redis
 * round trip.
 *
 * @since 0.1.0
 */
public class ClusterInfoContributor implements InfoContributor {

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
		cluster.put("delivery", delivery(this.node.delivery()));
		builder.withDetail("cluster", cluster);
	}

	private static Map<String, Object> delivery(ClusterDelivery delivery) {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("mode", name(delivery.defaultMode()));
		Map<String, String> servers = new TreeMap<>();
		delivery.servers().forEach((server, mode) -> servers.put(server, name(mode)));
		described.put("servers", servers);
		described.put("offline", delivery.offlineEnabled());
		return described;
	}

	private static String name(ClusterDelivery.Mode mode) {
		return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
