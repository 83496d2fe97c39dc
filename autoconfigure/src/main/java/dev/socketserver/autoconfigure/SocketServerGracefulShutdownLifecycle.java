package dev.socketserver.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.socketserver.server.SocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Shuts the socket servers down gracefully when the context closes, before {@link SocketServerLifecycle} stops
 * them: the application reports that it refuses traffic, each server stops accepting, lets its connections finish
 * and say goodbye, and closes what remains at the end of its grace period.
 *
 * @since 0.1.0
 */
public class SocketServerGracefulShutdownLifecycle implements SmartLifecycle {

	/**
	 * Phase of the graceful shutdown: as Boot's web servers, above the start/stop phase.
	 */
	public static final int GRACEFUL_SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Logger logger = LoggerFactory.getLogger(SocketServerGracefulShutdownLifecycle.class);

	private final ObjectProvider<SocketServer> servers;

	private final ApplicationEventPublisher publisher;

	private volatile boolean running;

	/**
	 * Creates the lifecycle.
	 * @param servers the servers to shut down
	 * @param publisher where readiness changes are published
	 */
	public SocketServerGracefulShutdownLifecycle(ObjectProvider<SocketServer> servers,
			ApplicationEventPublisher publisher) {
		this.servers = servers;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Stop must not be invoked directly");
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		List<SocketServer> running = this.servers.orderedStream().filter(SocketServer::isRunning).toList();
		if (running.isEmpty()) {
			callback.run();
			return;
		}
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		CompletableFuture<?>[] drains = running.stream().map((server) -> {
			logger.info("Commencing graceful shutdown of socket server '{}' on port {} ({} connection(s), grace "
					+ "period {})", server.name(), server.port(), server.connections().count(),
					server.config().shutdownGracePeriod());
			return server.shutdownGracefully(server.config().shutdownGracePeriod()).toCompletableFuture();
		}).toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(drains).whenComplete((result, ex) -> {
			logger.info("Graceful shutdown of socket servers complete");
			callback.run();
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return GRACEFUL_SHUTDOWN_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
