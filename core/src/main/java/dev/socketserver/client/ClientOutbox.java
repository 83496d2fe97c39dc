package dev.socketserver.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.connection.Connection;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.request.RequestRefusedException;
import dev.socketserver.request.RequestTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where a client's sends and requests go: to its connected connections in turn, or, while there are none, into a
 * bounded queue (or straight to failure). Connections are published and the queue drained under one lock, so that
 * nothing queued is left behind by a connection coming up, and queued messages go out before any sent after the
 * connection appeared. The connected path takes no lock.
 */
final class ClientOutbox {

	private static final Connection[] NONE = {};

	private final SocketClientConfig config;

	private final EventLoop loop;

	private final Object lock = new Object();

	private final AtomicInteger turn = new AtomicInteger();

	private final ArrayDeque<Queued> queue = new ArrayDeque<>();

	private volatile Connection[] connected = NONE;

	/** Why nothing is accepted any more, once the client stopped. */
	private volatile @Nullable String closed;

	ClientOutbox(SocketClientConfig config, EventLoop loop) {
		this.config = config;
		this.loop = loop;
	}

	CompletionStage<Void> send(Object message) {
		Connection connection = next();
		if (connection != null) {
			return connection.send(message);
		}
		CompletableFuture<Void> sent = new CompletableFuture<>();
		enqueue(new Queued(message, sent, null, 0, Duration.ZERO));
		return sent;
	}

	CompletionStage<Object> request(Object message, @Nullable Duration timeout) {
		RequestPolicy policy = this.config.requests();
		if (policy == null) {
			ReferenceCountUtil.release(message);
			return CompletableFuture.failedFuture(new RequestRefusedException("Socket client '" + this.config.name()
					+ "' has no correlation of requests and replies: configure one to send requests"));
		}
		Duration wait = (timeout != null) ? timeout : policy.defaultTimeout();
		if (wait.isNegative() || wait.isZero()) {
			ReferenceCountUtil.release(message);
			throw new IllegalArgumentException("'timeout' must be positive");
		}
		Connection connection = next();
		if (connection != null) {
			return connection.request(message, wait);
		}
		CompletableFuture<Object> reply = new CompletableFuture<>();
		enqueue(new Queued(message, null, reply, System.nanoTime() + wait.toNanos(), wait));
		return reply;
	}

	/**
	 * Returns the next open connection in turn, without a lock.
	 */
	private @Nullable Connection next() {
		Connection[] live = this.connected;
		for (int i = 0; i < live.length; i++) {
			Connection connection = live[Math.floorMod(this.turn.getAndIncrement(), live.length)];
			if (connection.isOpen()) {
				return connection;
			}
		}
		return null;
	}

	private void enqueue(Queued item) {
		Connection connection;
		RuntimeException refusal = null;
		synchronized (this.lock) {
			connection = next();
			if (connection == null) {
				refusal = refusal();
				if (refusal == null) {
					this.queue.addLast(item);
					if (item.reply != null) {
						item.expireAt(this);
					}
					return;
				}
			}
		}
		// Outside the lock: completing the caller's stage runs its callbacks.
		if (connection != null) {
			// A connection came up meanwhile: the queue was drained into it before it was published.
			item.sendOn(connection);
		}
		else {
			item.fail(refusal);
		}
	}

	private @Nullable RuntimeException refusal() {
		String closed = this.closed;
		if (closed != null) {
			return new NotConnectedException(closed);
		}
		if (this.config.whileDisconnected() == WhileDisconnected.FAIL) {
			return new NotConnectedException("Socket client '" + this.config.name() + "' is not connected");
		}
		if (this.queue.size() >= this.config.queueCapacity()) {
			return new ClientQueueFullException(this.config.name(), this.config.queueCapacity());
		}
		return null;
	}

	/**
	 * Hands the queue to a connection that is ready, then makes it available to senders; on the connection's
	 * event loop, where sends and requests are written at once and so in the order queued.
	 */
	void published(Connection connection) {
		synchronized (this.lock) {
			Queued item;
			while ((item = this.queue.pollFirst()) != null) {
				item.sendOn(connection);
			}
			List<Connection> live = new ArrayList<>(Arrays.asList(this.connected));
			live.add(connection);
			this.connected = live.toArray(NONE);
		}
	}

	void unpublished(Connection connection) {
		synchronized (this.lock) {
			List<Connection> live = new ArrayList<>(Arrays.asList(this.connected));
			live.remove(connection);
			this.connected = live.toArray(NONE);
		}
	}

	List<Connection> connections() {
		return List.of(this.connected);
	}

	/**
	 * Refuses everything from now on and fails what waits.
	 */
	void close(String why) {
		List<Queued> waiting;
		synchronized (this.lock) {
			this.closed = why;
			this.connected = NONE;
			waiting = new ArrayList<>(this.queue);
			this.queue.clear();
		}
		NotConnectedException failure = new NotConnectedException(why);
		waiting.forEach((item) -> item.fail(failure));
	}

	private void expired(Queued item) {
		boolean removed;
		synchronized (this.lock) {
			removed = this.queue.remove(item);
		}
		if (removed) {
			item.fail(new RequestTimeoutException("(none: socket client '" + this.config.name()
					+ "' was not connected)", "queued", item.timeout));
		}
	}

	/**
	 * A send or request waiting for a connection.
	 */
	private static final class Queued {

		private final Object message;

		private final @Nullable CompletableFuture<Void> sent;

		private final @Nullable CompletableFuture<Object> reply;

		private final long deadlineNanos;

		private final Duration timeout;

		private @Nullable ScheduledFuture<?> timer;

		Queued(Object message, @Nullable CompletableFuture<Void> sent, @Nullable CompletableFuture<Object> reply,
				long deadlineNanos, Duration timeout) {
			this.message = message;
			this.sent = sent;
			this.reply = reply;
			this.deadlineNanos = deadlineNanos;
			this.timeout = timeout;
		}

		void expireAt(ClientOutbox outbox) {
			try {
				this.timer = outbox.loop.schedule(() -> outbox.expired(this), this.timeout.toNanos(),
						TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// The loops are shutting down: the client's stop fails what is queued.
			}
		}

		void sendOn(Connection connection) {
			ScheduledFuture<?> timer = this.timer;
			if (timer != null) {
				timer.cancel(false);
			}
			if (this.reply != null) {
				long remaining = this.deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					fail(new RequestTimeoutException(connection.id(), "queued", this.timeout));
					return;
				}
				connection.request(this.message, Duration.ofNanos(remaining)).whenComplete((reply, ex) -> {
					if (ex != null) {
						this.reply.completeExceptionally(ex);
					}
					else if (!this.reply.complete(reply)) {
						ReferenceCountUtil.release(reply);
					}
				});
			}
			else if (this.sent != null) {
				connection.send(this.message).whenComplete((done, ex) -> {
					if (ex != null) {
						this.sent.completeExceptionally(ex);
					}
					else {
						this.sent.complete(null);
					}
				});
			}
		}

		void fail(Throwable failure) {
			ScheduledFuture<?> timer = this.timer;
			if (timer != null) {
				timer.cancel(false);
			}
			ReferenceCountUtil.release(this.message);
			if (this.reply != null) {
				this.reply.completeExceptionally(failure);
			}
			if (this.sent != null) {
				this.sent.completeExceptionally(failure);
			}
		}

	}

}
