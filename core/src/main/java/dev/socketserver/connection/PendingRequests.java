package dev.socketserver.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;

import dev.socketserver.request.Correlation;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.request.RequestRefusedException;
import dev.socketserver.request.RequestTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of one connection waiting for their replies: by id, or in order for protocols that answer in
 * sequence, and in a list sorted by deadline so that the deadline wheel's visit finds the overdue ones at its
 * head. Bounded by the server's in-flight limit; created with the connection's first request, so connections
 * that never send one carry none of it. Confined to the event loop.
 */
final class PendingRequests {

	private static final Logger logger = LoggerFactory.getLogger(PendingRequests.class);

	private final ChannelConnection connection;

	private final Correlation<Object> correlation;

	private final int maxInFlight;

	private final boolean inOrder;

	private final HashMap<Object, Pending> byId;

	/** In-order only: requests in the order sent, answered or not; a timed-out one waits for its late reply. */
	private final @Nullable ArrayDeque<Pending> sent;

	/** Requests still waiting, sorted by deadline. */
	private @Nullable Pending first;

	private @Nullable Pending last;

	private long sequence;

	@SuppressWarnings("unchecked")
	PendingRequests(ChannelConnection connection, RequestPolicy policy) {
		this.connection = connection;
		this.correlation = (Correlation<Object>) policy.correlation();
		this.maxInFlight = policy.maxInFlight();
		this.inOrder = this.correlation.isInOrder();
		this.byId = this.inOrder ? new HashMap<>(0) : new HashMap<>();
		this.sent = this.inOrder ? new ArrayDeque<>() : null;
	}

	/**
	 * Sends a request on a connection and returns the stage of its reply; from any thread.
	 */
	static CompletableFuture<Object> send(ChannelConnection connection, Object message, @Nullable Duration timeout) {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		RequestPolicy policy = connection.runtime.settings.requests();
		if (policy == null) {
			ReferenceCountUtil.release(message);
			connection.runtime.stats.recordRequestFailed();
			reply.completeExceptionally(new RequestRefusedException("Socket server '" + connection.serverName()
					+ "' has no correlation of requests and replies: configure one to send requests"));
			return reply;
		}
		Duration wait = (timeout != null) ? timeout : policy.defaultTimeout();
		if (wait.isNegative() || wait.isZero()) {
			ReferenceCountUtil.release(message);
			throw new IllegalArgumentException("'timeout' must be positive");
		}
		if (connection.channel().eventLoop().inEventLoop()) {
			connection.startRequest(policy, message, reply, wait);
			return reply;
		}
		// Queued with the sends of other threads, so that a send made after it cannot reach the wire first.
		connection.outbound.queueRequest(policy, message, reply, wait);
		return reply;
	}

	/**
	 * Registers a request about to be written.
	 * @return its deadline
	 * @throws RequestRefusedException past the in-flight limit, for an id still pending, or one not found
	 */
	Pending add(Object message, CompletableFuture<Object> reply, long now, Duration timeout) {
		int inFlight = (this.sent != null) ? this.sent.size() : this.byId.size();
		if (inFlight >= this.maxInFlight) {
			throw new RequestRefusedException("Connection " + this.connection.id() + " has " + inFlight
					+ " requests in flight, the limit of socket server '" + this.connection.serverName() + "'");
		}
		Object id;
		try {
			id = this.correlation.requestId(message, ++this.sequence);
		}
		catch (Exception ex) {
			throw new RequestRefusedException("Request on connection " + this.connection.id()
					+ " has no correlation id (" + this.correlation + "): " + ex.getMessage(), ex);
		}
		Pending pending = new Pending(id, reply, now, now + timeout.toNanos(), timeout);
		if (this.sent != null) {
			this.sent.addLast(pending);
		}
		else if (this.byId.putIfAbsent(id, pending) != null) {
			throw new RequestRefusedException("Request " + id + " is still waiting for its reply on connection "
					+ this.connection.id());
		}
		link(pending);
		return pending;
	}

	/**
	 * Takes back a request that could not be written.
	 */
	void remove(Pending pending) {
		if (this.sent != null) {
			this.sent.remove(pending);
		}
		else {
			this.byId.remove(pending.id, pending);
		}
		if (!pending.done) {
			pending.done = true;
			unlink(pending);
		}
	}

	/**
	 * Completes the request a received message answers.
	 * @return whether the message was a reply, now owned by the request
	 */
	boolean completes(Object message, long now) {
		Object id;
		try {
			id = this.correlation.replyId(message);
		}
		catch (Exception ex) {
			logger.debug("Correlation {} could not read message on connection {}: {}", this.correlation,
					this.connection.id(), ex.toString());
			return false;
		}
		if (id == null) {
			return false;
		}
		Pending pending;
		if (this.sent != null) {
			pending = this.sent.pollFirst();
			if (pending == null) {
				return false;
			}
			if (pending.done) {
				// Its caller gave up waiting; the reply still answers it, not the next request.
				this.connection.runtime.stats.recordLateReply();
				ReferenceCountUtil.release(message);
				return true;
			}
		}
		else {
			pending = this.byId.remove(id);
			if (pending == null) {
				return false;
			}
		}
		pending.done = true;
		unlink(pending);
		this.connection.runtime.stats.recordReply(now - pending.sentNanos);
		if (!pending.reply.complete(message)) {
			ReferenceCountUtil.release(message);
		}
		return true;
	}

	/**
	 * Fails the overdue requests.
	 * @return the next deadline, or 0 if no request waits
	 */
	long expire(long now) {
		Pending pending = this.first;
		while (pending != null && now - pending.deadline >= 0) {
			Pending next = pending.next;
			pending.done = true;
			unlink(pending);
			if (this.sent == null) {
				this.byId.remove(pending.id, pending);
			}
			this.connection.runtime.stats.recordRequestTimedOut();
			pending.reply.completeExceptionally(new RequestTimeoutException(this.connection.id(), pending.id,
					pending.timeout));
			pending = next;
		}
		return (this.first != null) ? this.first.deadline : 0;
	}

	/**
	 * Fails every waiting request: the connection closed.
	 */
	void failAll(CloseReason reason) {
		Pending pending = this.first;
		this.first = null;
		this.last = null;
		this.byId.clear();
		if (this.sent != null) {
			this.sent.clear();
		}
		while (pending != null) {
			Pending next = pending.next;
			pending.done = true;
			pending.prev = null;
			pending.next = null;
			this.connection.runtime.stats.recordRequestFailed();
			pending.reply.completeExceptionally(new ConnectionClosedException(this.connection.id(), reason));
			pending = next;
		}
	}

	/**
	 * Returns how many requests wait for a reply.
	 */
	int size() {
		return (this.sent != null) ? this.sent.size() : this.byId.size();
	}

	private void link(Pending pending) {
		// Usually the latest deadline: one timeout for every request keeps this O(1).
		Pending after = this.last;
		while (after != null && after.deadline - pending.deadline > 0) {
			after = after.prev;
		}
		pending.prev = after;
		pending.next = (after != null) ? after.next : this.first;
		if (pending.next != null) {
			pending.next.prev = pending;
		}
		else {
			this.last = pending;
		}
		if (after != null) {
			after.next = pending;
		}
		else {
			this.first = pending;
		}
	}

	private void unlink(Pending pending) {
		Pending prev = pending.prev;
		Pending next = pending.next;
		if (prev != null) {
			prev.next = next;
		}
		else if (this.first == pending) {
			this.first = next;
		}
		if (next != null) {
			next.prev = prev;
		}
		else if (this.last == pending) {
			this.last = prev;
		}
		pending.prev = null;
		pending.next = null;
	}

	/**
	 * One request waiting for its reply.
	 */
	static final class Pending {

		final Object id;

		final CompletableFuture<Object> reply;

		final long sentNanos;

		final long deadline;

		final Duration timeout;

		boolean done;

		@Nullable Pending prev;

		@Nullable Pending next;

		Pending(Object id, CompletableFuture<Object> reply, long sentNanos, long deadline, Duration timeout) {
			this.id = id;
			this.reply = reply;
			this.sentNanos = sentNanos;
			this.deadline = deadline;
			this.timeout = timeout;
		}

	}

}
