package dev.socketserver.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionStats;
import org.jspecify.annotations.Nullable;

/**
 * A named client of a socket server: one connection (or a pool of them) that this application opens, kept open
 * with reconnects, failover over its endpoints and heartbeats, and served by a handler like a server's
 * connections are. Safe to use from any thread.
 *
 * @since 0.1.0
 */
public interface SocketClient {

	/**
	 * Returns the client's name.
	 * @return the name
	 */
	String name();

	/**
	 * Begins connecting and returns at once; does nothing if the client is already started.
	 * @throws IllegalStateException if the client was stopped
	 */
	void start();

	/**
	 * Closes the connections after what was sent before, fails what is queued or waiting for a connection, and
	 * connects no more. Idempotent.
	 */
	void stop();

	/**
	 * Returns where the client stands.
	 * @return the state
	 */
	ClientState state();

	/**
	 * Returns whether the client has a connection to send on.
	 * @return whether it is connected
	 */
	default boolean isConnected() {
		return state() == ClientState.CONNECTED;
	}

	/**
	 * Adds a listener of the client's state and reconnect attempts.
	 * @param listener the listener
	 */
	void addListener(ClientStateListener listener);

	/**
	 * Returns a stage that completes with a connection as soon as the client has one: at once if it is
	 * connected. It fails with a {@link NotConnectedException} if the client stops first.
	 * @return the stage
	 */
	CompletionStage<Connection> connected();

	/**
	 * Waits until the client has a connection.
	 * @param timeout how long to wait
	 * @return the connection
	 * @throws TimeoutException if none came in time
	 * @throws InterruptedException if the thread was interrupted while waiting
	 * @throws NotConnectedException if the client stopped
	 */
	Connection awaitConnected(Duration timeout) throws TimeoutException, InterruptedException;

	/**
	 * Sends a message on the next connection in turn; while disconnected, fails or queues it as the client's
	 * {@link WhileDisconnected} policy says. A reference-counted message is released once written or failed.
	 * @param message the message, of the type the client's codec encodes
	 * @return completes when the message was written to the socket
	 */
	CompletionStage<Void> send(Object message);

	/**
	 * Sends a request and waits for its reply, with the default timeout of the client's request policy; see
	 * {@link #request(Object, Duration)}.
	 * @param message the request
	 * @return completes with the reply
	 */
	CompletionStage<Object> request(Object message);

	/**
	 * Sends a request on the next connection in turn and waits for the reply its correlation matches, as
	 * {@link Connection#request(Object, Duration)} does; while disconnected, fails or queues it as the client's
	 * {@link WhileDisconnected} policy says, a queued request's timeout counting from this call.
	 * @param message the request
	 * @param timeout how long to wait for the reply
	 * @return completes with the reply; fails with a {@code RequestRefusedException} without a request policy
	 */
	CompletionStage<Object> request(Object message, Duration timeout);

	/**
	 * Sends a request like {@link #request(Object, Duration)} and expects a reply of a given type.
	 * @param <R> the reply type
	 * @param message the request
	 * @param replyType the type the reply must have
	 * @param timeout how long to wait for the reply
	 * @return completes with the reply
	 */
	default <R> CompletionStage<R> request(Object message, Class<R> replyType, Duration timeout) {
		return request(message, timeout).thenApply(replyType::cast);
	}

	/**
	 * Returns a connection of the client.
	 * @return the first connected one, or {@code null} while disconnected
	 */
	@Nullable Connection connection();

	/**
	 * Returns the client's connections that are connected (TLS handshake done).
	 * @return the connections, in the order they are used
	 */
	List<Connection> connections();

	/**
	 * Returns the endpoint connected to, or, while disconnected, the one the next attempt goes to.
	 * @return the endpoint of the first connection
	 */
	InetSocketAddress endpoint();

	/**
	 * Returns how many attempts the client made after a failed connect or a lost connection.
	 * @return the reconnect count
	 */
	long reconnects();

	/**
	 * Returns how many attempts failed: refused, timed out, or closed before ready (as by a failed TLS handshake).
	 * @return the failure count
	 */
	long connectFailures();

	/**
	 * Returns the last delay the client waited, or is waiting, before an attempt.
	 * @return the delay, or {@code null} if it never backed off
	 */
	@Nullable Duration lastBackoff();

	/**
	 * Returns the running figures of the client's connections: traffic, requests, replies and timeouts.
	 * @return the figures
	 */
	ConnectionStats stats();

	/**
	 * Returns the client's configuration.
	 * @return the configuration
	 */
	SocketClientConfig config();

}
