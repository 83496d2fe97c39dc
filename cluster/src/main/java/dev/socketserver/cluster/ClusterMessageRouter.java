package dev.socketserver.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.socketserver.cluster.ClusterEnvelope.Type;
import dev.socketserver.cluster.ClusterStats.Failure;
import dev.socketserver.cluster.ClusterStats.ServerStats;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.routing.LocalMessageRouter;
import dev.socketserver.routing.MessageRouter;
import dev.socketserver.server.SocketServers;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.MessageListener;

/**
 * {@link MessageRouter} over the nodes of a cluster on Redis. A send reaches this node's connections directly
 * and, through the registry, each other node that has some of the recipients, over that node's own channel; a
 * broadcast goes over the one broadcast channel. The message is encoded once per send.
 * <p>
 * Delivery is at most once by default: a node cut off from Redis misses what is sent meanwhile. A server set to
 * {@link ClusterDelivery.Mode#AT_LEAST_ONCE} has its identity and group sends added to each receiving node's
 * stream instead, which the node reads and acknowledges after delivery, dropping duplicates by message id
 * (broadcasts stay on pub/sub). A stage completes with the number of this node's connections the message was
 * handed to plus the number of connections the registry holds for it on the other nodes that heard it (for a
 * stream: whose stream it was added to; a broadcast counts this node's connections only). A send to an identity
 * that no node has completes with {@code 0}, and is stored for it when {@link ClusterDelivery#storesOffline}
 * says so.
 * <p>
 * Local delivery never depends on Redis. When the part for other nodes cannot be sent (this node is cut off from
 * Redis, the outbound queue is full, Redis fails), the failure is counted, and a send that reached local
 * connections still completes with their number; one that reached none fails: at once with
 * {@link ClusterUnavailableException} while the node is cut off, with {@link ClusterQueueFullException} when the
 * queue is full, or with {@link ClusterSendException}.
 *
 * @since 0.1.0
 */
public final class ClusterMessageRouter implements MessageRouter {

	private final ClusterNode node;

	private final ClusterPayloads payloads;

	private final LocalMessageRouter local;

	private final ClusterStats stats;

	private final ClusterRequests requests;

	private final ClusterInbox inbox;

	/** Keeps the message ids of a node restarted with the same node id apart from its predecessor's. */
	private final String incarnation = Long.toHexString(System.currentTimeMillis()) + "-"
			+ Integer.toHexString(ThreadLocalRandom.current().nextInt());

	private final AtomicLong sequence = new AtomicLong();

	private final ClusterAdmin admin;

	/**
	 * Creates a router.
	 * @param node this node
	 * @param servers this node's servers
	 * @param codec the wire form of messages between nodes, or {@code null} for the servers' own encoding
	 * @param stats where figures are counted
	 */
	public ClusterMessageRouter(ClusterNode node, SocketServers servers, @Nullable ClusterMessageCodec codec,
			ClusterStats stats) {
		this.node = node;
		this.payloads = new ClusterPayloads(servers, codec);
		this.local = new LocalMessageRouter(servers);
		this.stats = stats;
		this.requests = new ClusterRequests(node, this.payloads, this.local, stats);
		this.admin = new ClusterAdmin(node, servers, ClusterAdmin.DEFAULT_TIMEOUT);
		this.inbox = new ClusterInbox(node, this.payloads, this.requests, stats, this.admin);
		if (node.delivery().offlineEnabled()) {
			ClusterOffline offline = new ClusterOffline(node, this.payloads, stats);
			node.onIdentitiesRegistered(offline::registered);
		}
	}

	/**
	 * Returns the admin view of the connections of the other nodes, answered through this router's inbox.
	 * @return the admin view
	 */
	public ClusterAdmin admin() {
		return this.admin;
	}

	/**
	 * Returns what receives this node's envelopes, for {@link ClusterNode#start}.
	 * @return the listener of this node's channels
	 */
	public MessageListener inbox() {
		return this.inbox;
	}

	/**
	 * Fails the requests still waiting for other nodes; called when the node leaves.
	 */
	public void close() {
		this.requests.failAll();
	}

	@Override
	public CompletionStage<Integer> sendToIdentity(String server, String identity, Object message) {
		ClusterPayloads.Outgoing outgoing = this.payloads.encode(server, message);
		int delivered = outgoing.toIdentity(identity);
		String key = this.node.keys().identity(server, identity);
		ClusterDelivery delivery = this.node.delivery();
		String offline = (delivered == 0 && delivery.storesOffline(server))
				? this.node.keys().offline(server, identity) : null;
		ClusterEnvelope envelope = envelope(Type.IDENTITY, server, identity, outgoing.bytes());
		ClusterRedis redis = this.node.redis();
		return remote(server, delivered, true, outgoing.bytes().length,
				() -> redis.routePipelined(key, offline, envelope, delivery.mode(server), delivery),
				() -> redis.route(key, offline, envelope, delivery.mode(server), delivery));
	}

	@Override
	public CompletionStage<Integer> sendToGroup(String server, String group, Object message,
			@Nullable String excludedConnectionId) {
		ClusterPayloads.Outgoing outgoing = this.payloads.encode(server, message);
		// Connection ids are unique within a node only, and the excluded one (the sender) is always local.
		int delivered = outgoing.toGroup(group,
				(excludedConnectionId != null) ? (connection) -> !connection.id().equals(excludedConnectionId) : null);
		String key = this.node.keys().group(server, group);
		ClusterDelivery delivery = this.node.delivery();
		ClusterEnvelope envelope = envelope(Type.GROUP, server, group, outgoing.bytes());
		ClusterRedis redis = this.node.redis();
		return remote(server, delivered, false, outgoing.bytes().length,
				() -> redis.routePipelined(key, null, envelope, delivery.mode(server), delivery),
				() -> redis.route(key, null, envelope, delivery.mode(server), delivery));
	}

	/**
	 * An envelope of a server delivered at least once gets a message id, by which a receiver drops the copy of an
	 * entry it delivered but could not acknowledge.
	 */
	private ClusterEnvelope envelope(Type type, String server, String target, byte[] bytes) {
		ClusterEnvelope envelope = ClusterEnvelope.of(type, this.node.id(), server, target, bytes);
		if (this.node.delivery().mode(server) != ClusterDelivery.Mode.AT_LEAST_ONCE) {
			return envelope;
		}
		return envelope.withMessageId(this.node.id() + "/" + this.incarnation + "/" + this.sequence.incrementAndGet());
	}

	@Override
	public CompletionStage<Integer> broadcast(String server, Object message) {
		ClusterPayloads.Outgoing outgoing = this.payloads.encode(server, message);
		int delivered = outgoing.toAll();
		ClusterRedis redis = this.node.redis();
		String channel = this.node.keys().broadcast();
		ClusterEnvelope envelope = ClusterEnvelope.of(Type.BROADCAST, this.node.id(), server, "", outgoing.bytes());
		return remote(server, delivered, false, outgoing.bytes().length,
				() -> redis.publishPipelined(channel, envelope).thenApply(ClusterMessageRouter::broadcastResult),
				() -> broadcastResult(redis.publish(channel, envelope)));
	}

	private static ClusterRedis.RouteResult broadcastResult(long receivers) {
		// This node hears its own broadcast too.
		return new ClusterRedis.RouteResult((int) Math.max(0, receivers - 1), 0, 0);
	}

	/**
	 * Sends the part of a send meant for other nodes: pipelined where the connection factory allows, else as one
	 * blocking round trip on a send thread.
	 */
	private CompletionStage<Integer> remote(String server, int delivered, boolean isIdentity, int size,
			Supplier<CompletableFuture<ClusterRedis.RouteResult>> pipelined,
			Callable<ClusterRedis.RouteResult> blocking) {
		ServerStats stats = this.stats.server(server);
		int limit = this.node.settings().maxMessageBytes();
		if (size > limit) {
			stats.recordFailure(Failure.TOO_LARGE);
			return (delivered > 0) ? CompletableFuture.completedFuture(delivered)
					: CompletableFuture.failedFuture(new ClusterMessageTooLargeException(size, limit, delivered));
		}
		if (!this.node.isAvailable()) {
			stats.recordFailure(Failure.UNAVAILABLE);
			return (delivered > 0) ? CompletableFuture.completedFuture(delivered)
					: CompletableFuture.failedFuture(new ClusterUnavailableException(this.node.id(), delivered));
		}
		CompletableFuture<ClusterRedis.RouteResult> routed;
		try {
			routed = this.node.sender().send(this.node.redis().isPipelined() ? pipelined : null, blocking);
		}
		catch (RejectedExecutionException ex) {
			stats.recordFailure(Failure.QUEUE_FULL);
			return (delivered > 0) ? CompletableFuture.completedFuture(delivered)
					: CompletableFuture.failedFuture(
							new ClusterQueueFullException(this.node.settings().outboundQueueCapacity(), delivered));
		}
		return routed.handle((result, ex) -> {
			if (ex != null) {
				stats.recordFailure(Failure.ERROR);
				if (delivered > 0) {
					return delivered;
				}
				throw new ClusterSendException("Could not send to the other nodes of the cluster: " + ex.getMessage(),
						delivered, ex);
			}
			stats.recordSent(result.nodes());
			int total = delivered + result.connections();
			if (isIdentity && total == 0) {
				stats.recordMiss();
			}
			if (result.stored()) {
				stats.recordStored(result.trimmed());
			}
			return total;
		});
	}

	@Override
	public CompletionStage<Object> request(String server, String identity, Object message, Duration timeout) {
		ConnectionManager connections;
		try {
			connections = this.payloads.connections(server);
		}
		catch (RuntimeException ex) {
			ReferenceCountUtil.release(message);
			throw ex;
		}
		if (!connections.connectionsOf(identity).isEmpty()) {
			return this.local.request(server, identity, message, timeout);
		}
		return this.requests.send(server, identity, message, timeout);
	}

}
