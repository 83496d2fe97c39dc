package dev.socketserver.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client tells about itself: its state and the listeners of its changes and reconnect attempts, and the
 * callers waiting for a connection. State changes come from the client's event loop only; waiting for a
 * connection works from any thread.
 */
final class ClientStates {

	private static final Logger logger = LoggerFactory.getLogger(SocketClient.class);

	private final SocketClient client;

	private final List<ClientStateListener> listeners = new CopyOnWriteArrayList<>();

	private final Object lock = new Object();

	private final List<CompletableFuture<Connection>> waiting = new ArrayList<>();

	/** Why no connection will come any more; guarded by the lock. */
	private @Nullable String closedWhy;

	private volatile ClientState state = ClientState.NEW;

	ClientStates(SocketClient client) {
		this.client = client;
	}

	ClientState current() {
		return this.state;
	}

	void addListener(ClientStateListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Returns a stage of the current connection, or of the next one.
	 * @param current the connection senders have now; read under the lock, so that one published meanwhile is
	 * either seen here or completes the stage
	 */
	CompletionStage<Connection> connection(Supplier<@Nullable Connection> current) {
		synchronized (this.lock) {
			Connection connection = current.get();
			if (connection != null) {
				return CompletableFuture.completedFuture(connection);
			}
			if (this.closedWhy != null) {
				return CompletableFuture.failedFuture(new NotConnectedException(this.closedWhy));
			}
			CompletableFuture<Connection> next = new CompletableFuture<>();
			this.waiting.add(next);
			return next;
		}
	}

	/**
	 * Hands a connection that senders have now to the callers waiting for one.
	 */
	void connected(Connection connection) {
		List<CompletableFuture<Connection>> ready;
		synchronized (this.lock) {
			ready = new ArrayList<>(this.waiting);
			this.waiting.clear();
		}
		ready.forEach((future) -> future.complete(connection));
	}

	/**
	 * Notes that no connection will come any more, and fails the callers waiting for one.
	 */
	void closed(String why) {
		List<CompletableFuture<Connection>> failed;
		synchronized (this.lock) {
			this.closedWhy = why;
			failed = new ArrayList<>(this.waiting);
			this.waiting.clear();
		}
		NotConnectedException failure = new NotConnectedException(why);
		failed.forEach((future) -> future.completeExceptionally(failure));
		change(ClientState.CLOSED);
	}

	void change(ClientState next) {
		ClientState previous = this.state;
		if (previous == next || previous == ClientState.CLOSED) {
			return;
		}
		this.state = next;
		for (ClientStateListener listener : this.listeners) {
			try {
				listener.stateChanged(this.client, previous, next);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener {} of socket client '{}' failed", listener, this.client.name(), ex);
			}
		}
	}

	void reconnectScheduled(InetSocketAddress endpoint, Duration delay, @Nullable Throwable cause) {
		for (ClientStateListener listener : this.listeners) {
			try {
				listener.reconnectScheduled(this.client, endpoint, delay, cause);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener {} of socket client '{}' failed", listener, this.client.name(), ex);
			}
		}
	}

}
