package dev.socketserver.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.socketserver.server.SocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts every {@link SocketServer} bean when the context refreshes and stops them when it closes, after the
 * graceful shutdown phase.
 *
 * @since 0.1.0
 */
public class SocketServerLifecycle implements SmartLifecycle {

	/**
	 * Phase of starting and stopping the servers: as Boot's web servers, below the graceful shutdown phase.
	 */
	public static final int START_STOP_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private final ObjectProvider<SocketServer> servers;

	private volatile boolean running;

	/**
	 * Creates a lifecycle for the servers of a context.
	 * @param servers the servers
	 */
	public SocketServerLifecycle(ObjectProvider<SocketServer> servers) {
		this.servers = servers;
	}

	@Override
	public void start() {
		List<SocketServer> started = new ArrayList<>();
		try {
			this.servers.orderedStream().forEach((server) -> {
				server.start();
				started.add(server);
			});
		}
		catch (RuntimeException ex) {
			started.forEach(SocketServer::stop);
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.servers.orderedStream().forEach(SocketServer::stop);
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
