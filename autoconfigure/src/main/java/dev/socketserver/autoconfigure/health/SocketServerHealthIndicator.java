package dev.socketserver.autoconfigure.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.ServerState;
import dev.socketserver.server.SocketServer;
import dev.socketserver.ssl.ServerSsl;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} of one socket server: UP while it is bound and accepting, OUT_OF_SERVICE while it drains
 * for shutdown, DOWN when it failed to start, was stopped or lost its event loops. Details: state, address, port,
 * transport, open connections, configured maximum (0 for none), uptime and, with TLS, the engine, protocols,
 * client authentication and certificate reloads.
 *
 * @since 0.1.0
 */
public class SocketServerHealthIndicator extends AbstractHealthIndicator {

	private final SocketServer server;

	/**
	 * Creates an indicator of a server.
	 * @param server the server
	 */
	public SocketServerHealthIndicator(SocketServer server) {
		super("Health check of socket server '" + server.name() + "' failed");
		this.server = Objects.requireNonNull(server, "'server' must not be null");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ServerState state = this.server.state();
		String problem = problem(state);
		if (problem != null) {
			builder.down().withDetail("error", problem);
		}
		else if (state == ServerState.DRAINING) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
		builder.withDetail("state", state);
		InetSocketAddress address = this.server.boundAddress();
		if (address != null) {
			builder.withDetail("address", address.getAddress().getHostAddress()).withDetail("port", address.getPort());
		}
		else {
			builder.withDetail("port", this.server.config().port());
		}
		builder.withDetail("transport", this.server.transport())
			.withDetail("connections", this.server.connections().count())
			.withDetail("maxConnections", this.server.config().limits().maxConnections());
		ServerSsl ssl = this.server.config().ssl();
		if (ssl != null) {
			builder.withDetail("tls", tls(ssl));
		}
		Instant startedAt = this.server.startedAt();
		if (startedAt != null && this.server.isRunning()) {
			builder.withDetail("startedAt", startedAt.toString())
				.withDetail("uptime", Duration.ofSeconds(Duration.between(startedAt, Instant.now()).toSeconds())
					.toString());
		}
	}

	/**
	 * Describes the TLS side: which engine, protocols and client authentication, and when the certificate was
	 * last reloaded.
	 */
	private static Map<String, Object> tls(ServerSsl ssl) {
		Map<String, Object> tls = ssl.describe();
		tls.put("reloads", ssl.updates());
		tls.put("loadedAt", ssl.updatedAt().toString());
		return tls;
	}

	private @Nullable String problem(ServerState state) {
		return switch (state) {
			case NEW -> "Not started";
			case STOPPED -> "Stopped";
			case FAILED -> "Failed to start or lost its event loops";
			case RUNNING, DRAINING -> eventLoopsShutDown() ? "Event loops are shut down" : null;
		};
	}

	private boolean eventLoopsShutDown() {
		return this.server instanceof NettySocketServer netty && netty.eventLoops().isShutdown();
	}

}
