package dev.socketserver.client;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Listener of a {@link SocketClient}'s state and reconnect attempts. Called on an event loop, one call at a time:
 * it must not block.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClientStateListener {

	/**
	 * Called when the client's state changed.
	 * @param client the client
	 * @param previous the state before
	 * @param current the state now
	 */
	void stateChanged(SocketClient client, ClientState previous, ClientState current);

	/**
	 * Called when a connection of the client waits before its next attempt.
	 * @param client the client
	 * @param endpoint where the next attempt goes
	 * @param delay how long it waits
	 * @param cause why the last attempt failed, or {@code null} after a connection that was lost
	 */
	default void reconnectScheduled(SocketClient client, InetSocketAddress endpoint, Duration delay,
			@Nullable Throwable cause) {
	}

}
