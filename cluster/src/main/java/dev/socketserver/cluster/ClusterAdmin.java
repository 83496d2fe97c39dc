package dev.socketserver.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.socketserver.autoconfigure.endpoint.RemoteConnections;
import dev.socketserver.cluster.ClusterEnvelope.Type;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RemoteConnections} over the nodes of a cluster, for the admin endpoint: a question goes over the channel
 * of each node the registry names for the identity (or of the one node named), is answered there from that
 * node's own connections, and comes back over the asking node's channel. Every call waits at most its timeout;
 * a node that is not subscribed or does not answer in time is reported in the errors, by id.
 *
 * @since 0.1.0
 */
public final class ClusterAdmin implements RemoteConnections {

	/**
	 * How long a call waits for the other nodes when not told.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

	private static final Logger logger = LoggerFactory.getLogger(ClusterAdmin.class);

	private static final byte BY_IDENTITY = 0;

	private static final byte BY_ID = 1;

	private static final long CLOSE_WAIT_MILLIS = 2000;

	private final ClusterNode node;

	private final SocketServers servers;

	private final Duration timeout;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, CompletableFuture<List<RemoteConnection>>> pending = new ConcurrentHashMap<>();

	/**
	 * Creates the admin view of a node; it answers the other nodes once {@link #serve} and {@link #complete} see
	 * what arrives on its channel.
	 * @param node this node
	 * @param servers this node's servers
	 * @param timeout how long a call waits for the other nodes
	 */
	public ClusterAdmin(ClusterNode node, SocketServers servers, Duration timeout) {
		this.node = node;
		this.servers = servers;
		this.timeout = timeout;
	}

	@Override
	public String localNode() {
		return this.node.id();
	}

	@Override
	public Result find(String server, String identity) {
		return askNodesOf(Type.ADMIN_FIND, server, identity);
	}

	@Override
	public Result close(String server, String identity) {
		return askNodesOf(Type.ADMIN_CLOSE, server, identity);
	}

	@Override
	public Result closeConnection(String server, String node, String connectionId) {
		return ask(Type.ADMIN_CLOSE, server, Set.of(node), BY_ID, connectionId);
	}

	private Result askNodesOf(Type type, String server, String identity) {
		Set<String> nodes = new LinkedHashSet<>();
		try {
			if (this.node.isAvailable()) {
				nodes.addAll(this.node.redis().presence(this.node.keys().identity(server, identity)).keySet());
			}
		}
		catch (RuntimeException ex) {
			return new Result(List.of(), Map.of(this.node.id(), "could not read the registry: " + ex.getMessage()));
		}
		nodes.remove(this.node.id());
		return ask(type, server, nodes, BY_IDENTITY, identity);
	}

	private Result ask(Type type, String server, Set<String> targets, byte mode, String target) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (!this.node.isAvailable()) {
			errors.put(this.node.id(), "this node is cut off from Redis");
			return new Result(List.of(), errors);
		}
		Map<String, CompletableFuture<List<RemoteConnection>>> answers = new LinkedHashMap<>();
		for (String other : targets) {
			long id = this.ids.incrementAndGet();
			CompletableFuture<List<RemoteConnection>> answer = new CompletableFuture<>();
			this.pending.put(id, answer);
			ClusterEnvelope envelope = new ClusterEnvelope(type, this.node.id(), server, target,
					System.currentTimeMillis(), id, this.timeout.toMillis(), new byte[] { mode }, "");
			try {
				if (this.node.redis().publish(this.node.keys().channel(other), envelope) > 0) {
					answers.put(other, answer);
					continue;
				}
				errors.put(other, "unreachable: the node does not listen on its channel");
			}
			catch (RuntimeException ex) {
				errors.put(other, "unreachable: " + ex.getMessage());
			}
			this.pending.remove(id);
		}
		List<RemoteConnection> connections = new ArrayList<>();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		for (Map.Entry<String, CompletableFuture<List<RemoteConnection>>> entry : answers.entrySet()) {
			try {
				long left = Math.max(0, deadline - System.nanoTime());
				connections.addAll(entry.getValue().get(left, TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException ex) {
				errors.put(entry.getKey(), "no answer within " + this.timeout);
			}
			catch (ExecutionException ex) {
				errors.put(entry.getKey(), String.valueOf(ex.getCause().getMessage()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				errors.put(entry.getKey(), "interrupted");
			}
		}
		this.pending.values().removeIf((answer) -> answers.containsValue(answer));
		return new Result(connections, errors);
	}

	/**
	 * Answers another node's question from this node's connections, without blocking the calling thread.
	 * @param question the {@link Type#ADMIN_FIND} or {@link Type#ADMIN_CLOSE} envelope
	 */
	void serve(ClusterEnvelope question) {
		SocketServer server = this.servers.names().contains(question.server()) ? this.servers.get(question.server())
				: null;
		List<Connection> found = new ArrayList<>();
		if (server != null) {
			ConnectionManager connections = server.connections();
			boolean byId = question.payload().length > 0 && question.payload()[0] == BY_ID;
			if (byId) {
				Connection connection = connections.get(question.target());
				if (connection != null) {
					found.add(connection);
				}
			}
			else {
				found.addAll(connections.connectionsOf(question.target()));
			}
		}
		if (question.type() != Type.ADMIN_CLOSE || found.isEmpty()) {
			answer(question, found);
			return;
		}
		for (Connection connection : found) {
			connection.close(CloseReason.CLOSED_BY_ADMIN);
		}
		CompletableFuture.allOf(found.stream()
			.map((connection) -> connection.closeFuture().toCompletableFuture())
			.toArray(CompletableFuture[]::new))
			.completeOnTimeout(null, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)
			.whenComplete((done, ex) -> answer(question, found));
	}

	private void answer(ClusterEnvelope question, List<Connection> connections) {
		ClusterEnvelope answer = new ClusterEnvelope(Type.ADMIN_ANSWER, this.node.id(), question.server(), "",
				System.currentTimeMillis(), question.requestId(), 0, encode(connections), "");
		try {
			this.node.submit(() -> this.node.redis().publish(this.node.keys().channel(question.origin()), answer));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Could not answer admin request {} of cluster node '{}': queue full or stopping",
					question.requestId(), question.origin());
		}
	}

	/**
	 * Completes a waiting call with the answer of another node.
	 * @param answer the {@link Type#ADMIN_ANSWER} envelope
	 */
	void complete(ClusterEnvelope answer) {
		CompletableFuture<List<RemoteConnection>> waiting = this.pending.remove(answer.requestId());
		if (waiting == null) {
			// Timed out here already.
			return;
		}
		try {
			waiting.complete(decode(answer.origin(), answer.payload()));
		}
		catch (IllegalArgumentException ex) {
			waiting.completeExceptionally(ex);
		}
	}

	private static byte[] encode(List<Connection> connections) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(connections.size());
			for (Connection connection : connections) {
				RemoteConnection described = RemoteConnection.of(null, connection);
				out.writeUTF(described.id());
				out.writeUTF(described.remoteAddress());
				out.writeUTF(orEmpty(described.identity()));
				out.writeLong(described.openedAt().toEpochMilli());
				out.writeBoolean(described.open());
				out.writeUTF(orEmpty(described.closeReason()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static List<RemoteConnection> decode(String node, byte[] payload) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
			int count = in.readInt();
			List<RemoteConnection> connections = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				String id = in.readUTF();
				String remote = in.readUTF();
				String identity = in.readUTF();
				Instant openedAt = Instant.ofEpochMilli(in.readLong());
				boolean open = in.readBoolean();
				String reason = in.readUTF();
				connections.add(new RemoteConnection(node, id, remote, orNull(identity), openedAt, open,
						orNull(reason)));
			}
			return connections;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Truncated admin answer of node '" + node + "'", ex);
		}
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static @Nullable String orNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
