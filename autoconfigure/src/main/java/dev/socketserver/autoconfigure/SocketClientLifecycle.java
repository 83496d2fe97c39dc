package dev.socketserver.autoconfigure;

import dev.socketserver.client.SocketClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts every {@link SocketClient} bean once the socket servers listen, so that a client of a server of the same
 * application connects at its first attempt, and stops them first when the context closes, before the servers
 * drain. Starting only begins connecting: it does not wait for the connections.
 *
 * @since 0.1.0
 */
public class SocketClientLifecycle implements SmartLifecycle {

	/**
	 * Phase of starting and stopping the clients: after the servers start and after their graceful shutdown
	 * phase, so that clients stop before it.
	 */
	public static final int START_STOP_PHASE = SocketServerGracefulShutdownLifecycle.GRACEFUL_SHUTDOWN_PHASE + 512;

	private final ObjectProvider<SocketClient> clients;

	private volatile boolean running;

	/**
	 * Creates a lifecycle for the clients of a context.
	 * @param clients the clients
	 */
	public SocketClientLifecycle(ObjectProvider<SocketClient> clients) {
		this.clients = clients;
	}

	@Override
	public void start() {
		this.clients.orderedStream().forEach(SocketClient::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.clients.orderedStream().forEach(SocketClient::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return START_STOP_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
