package dev.socketserver.autoconfigure.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import dev.socketserver.client.ClientState;
import dev.socketserver.client.SocketClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} of one socket client: UP while it is connected, DOWN while it connects, backs off, was
 * not started or is closed. Details: state, endpoint, connections, reconnects, failed attempts and the last
 * backoff delay.
 *
 * @since 0.1.0
 */
public class SocketClientHealthIndicator extends AbstractHealthIndicator {

	private final SocketClient client;

	/**
	 * Creates an indicator of a client.
	 * @param client the client
	 */
	public SocketClientHealthIndicator(SocketClient client) {
		super("Health check of socket client '" + client.name() + "' failed");
		this.client = Objects.requireNonNull(client, "'client' must not be null");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ClientState state = this.client.state();
		if (state == ClientState.CONNECTED) {
			builder.up();
		}
		else {
			builder.down();
		}
		InetSocketAddress endpoint = this.client.endpoint();
		builder.withDetail("state", state)
			.withDetail("endpoint", endpoint.getHostString() + ":" + endpoint.getPort())
			.withDetail("connections", this.client.connections().size())
			.withDetail("reconnects", this.client.reconnects())
			.withDetail("connectFailures", this.client.connectFailures());
		Duration backoff = this.client.lastBackoff();
		if (backoff != null) {
			builder.withDetail("lastBackoff", backoff.toString());
		}
	}

}
