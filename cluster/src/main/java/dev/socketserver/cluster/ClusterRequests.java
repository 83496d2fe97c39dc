package dev.socketserver.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.socketserver.cluster.ClusterEnvelope.Type;
import dev.socketserver.cluster.ClusterStats.Failure;
import dev.socketserver.cluster.ClusterStats.ServerStats;
import dev.socketserver.request.RequestRefusedException;
import dev.socketserver.request.RequestTimeoutException;
import dev.socketserver.routing.IdentityNotConnectedException;
import dev.socketserver.routing.LocalMessageRouter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to identities connected on other nodes: sent over the owning node's channel with a request id, served
 * there as a local request, and answered over the asking node's channel, where the id finds the waiting stage.
 */
final class ClusterRequests {

	private static final Logger logger = LoggerFactory.getLogger(ClusterRequests.class);

	private static final String NOT_CONNECTED = "not-connected";

	private static final String TIMED_OUT = "timed-out";

	private static final String REFUSED = "refused";

	private static final String FAILED = "failed";

	private final ClusterNode node;

	private final ClusterPayloads payloads;

	private final LocalMessageRouter local;

	private final ClusterStats stats;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	ClusterRequests(ClusterNode node, ClusterPayloads payloads, LocalMessageRouter local, ClusterStats stats) {
		this.node = node;
		this.payloads = payloads;
		this.local = local;
		this.stats = stats;
	}

	CompletionStage<Object> send(String server, String identity, Object message, Duration timeout) {
		ServerStats stats = this.stats.server(server);
		if (!this.node.isAvailable()) {
			ReferenceCountUtil.release(message);
			stats.recordFailure(Failure.UNAVAILABLE);
			return CompletableFuture.failedFuture(new ClusterUnavailableException(this.node.id(), 0));
		}
		ClusterPayloads.Outgoing outgoing = this.payloads.encode(server, message);
		byte[] bytes = outgoing.bytes();
		outgoing.discard();
		long id = this.ids.incrementAndGet();
		Pending request = new Pending(server, identity, timeout, new CompletableFuture<>());
		this.pending.put(id, request);
		try {
			this.node.scheduler().schedule(() -> {
				if (this.pending.remove(id, request)) {
					request.reply().completeExceptionally(
							new RequestTimeoutException("'" + identity + "' on another node", id, timeout));
				}
			}, timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.node.submit(() -> {
				for (String target : this.node.redis().presence(this.node.keys().identity(server, identity)).keySet()) {
					ClusterEnvelope envelope = new ClusterEnvelope(Type.REQUEST, this.node.id(), server, identity,
							System.currentTimeMillis(), id, timeout.toMillis(), bytes, "");
					if (this.node.redis().publish(this.node.keys().channel(target), envelope) > 0) {
						stats.recordSent(1);
						return target;
					}
				}
				stats.recordMiss();
				throw new IdentityNotConnectedException(server, identity);
			}).whenComplete((target, ex) -> {
				if (ex != null && this.pending.remove(id, request)) {
					if (!(ex instanceof IdentityNotConnectedException)) {
						stats.recordFailure(Failure.ERROR);
					}
					request.reply().completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.pending.remove(id, request);
			stats.recordFailure(Failure.QUEUE_FULL);
			request.reply()
				.completeExceptionally(new ClusterQueueFullException(this.node.settings().outboundQueueCapacity(), 0));
		}
		return request.reply();
	}

	/**
	 * Serves a request from another node as a local request, and sends back its outcome.
	 */
	void serve(ClusterEnvelope request) {
		String server = request.server();
		this.stats.server(server).recordReceived(request.sentAtMillis());
		Object message;
		try {
			message = this.payloads.decode(server, request.payload());
		}
		catch (Exception ex) {
			answer(request, Type.FAILURE, FAILED, bytes("Could not decode the request: " + ex.getMessage()));
			return;
		}
		this.local.request(server, request.target(), message, Duration.ofMillis(request.timeoutMillis()))
			.whenComplete((reply, ex) -> {
				if (ex == null) {
					byte[] encoded;
					try {
						encoded = this.payloads.encodeReply(server, reply);
					}
					catch (RuntimeException encodingFailed) {
						answer(request, Type.FAILURE, FAILED, bytes("Could not encode the reply: " + encodingFailed));
						return;
					}
					answer(request, Type.REPLY, "", encoded);
				}
				else {
					Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
					answer(request, Type.FAILURE, kind(cause), bytes(String.valueOf(cause.getMessage())));
				}
			});
	}

	private static String kind(Throwable failure) {
		if (failure instanceof IdentityNotConnectedException) {
			return NOT_CONNECTED;
		}
		if (failure instanceof TimeoutException) {
			return TIMED_OUT;
		}
		if (failure instanceof RequestRefusedException) {
			return REFUSED;
		}
		return FAILED;
	}

	private void answer(ClusterEnvelope request, Type type, String kind, byte[] payload) {
		ClusterEnvelope answer = new ClusterEnvelope(type, this.node.id(), request.server(), kind,
				System.currentTimeMillis(), request.requestId(), 0, payload, "");
		try {
			this.node.submit(() -> this.node.redis().publish(this.node.keys().channel(request.origin()), answer));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Could not answer request {} of cluster node '{}': queue full or stopping",
					request.requestId(), request.origin());
		}
	}

	/**
	 * Completes a waiting request with the answer another node sent.
	 */
	void complete(ClusterEnvelope answer) {
		Pending request = this.pending.remove(answer.requestId());
		if (request == null) {
			// Timed out here already.
			return;
		}
		this.stats.server(answer.server()).recordReceived(answer.sentAtMillis());
		if (answer.type() == Type.REPLY) {
			try {
				Object reply = this.payloads.decode(answer.server(), answer.payload());
				if (!request.reply().complete(reply)) {
					ReferenceCountUtil.release(reply);
				}
			}
			catch (Exception ex) {
				request.reply().completeExceptionally(ex);
			}
			return;
		}
		String detail = new String(answer.payload(), StandardCharsets.UTF_8);
		request.reply().completeExceptionally(switch (answer.target()) {
			case NOT_CONNECTED -> new IdentityNotConnectedException(request.server(), request.identity());
			case TIMED_OUT -> new RequestTimeoutException("'" + request.identity() + "' on node " + answer.origin(),
					answer.requestId(), request.timeout());
			case REFUSED -> new RequestRefusedException(detail);
			default -> new ClusterRequestException("Request to '" + request.identity() + "' failed on node "
					+ answer.origin() + ": " + detail);
		});
	}

	void failAll() {
		for (Long id : this.pending.keySet()) {
			Pending request = this.pending.remove(id);
			if (request != null) {
				request.reply().completeExceptionally(new ClusterUnavailableException(this.node.id(), 0));
			}
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private record Pending(String server, String identity, Duration timeout, CompletableFuture<Object> reply) {
	}

}
