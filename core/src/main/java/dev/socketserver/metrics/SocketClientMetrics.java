package dev.socketserver.metrics;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import dev.socketserver.client.ClientState;
import dev.socketserver.client.SocketClient;
import dev.socketserver.connection.ConnectionStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for socket clients: whether each is connected, its connections, reconnects and failed
 * attempts, requests and traffic, each tagged with the client's name. It observes the clients and never owns
 * them; every meter reads figures the clients keep anyway.
 *
 * @since 0.1.0
 * @see SocketClientMeters
 */
public class SocketClientMetrics implements MeterBinder {

	private final Iterable<? extends SocketClient> clients;

	/**
	 * Creates a binder for clients, which are looked up when binding.
	 * @param clients the clients
	 */
	public SocketClientMetrics(Iterable<? extends SocketClient> clients) {
		this.clients = Objects.requireNonNull(clients, "'clients' must not be null");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SocketClient client : this.clients) {
			bind(client, registry);
		}
	}

	private void bind(SocketClient client, MeterRegistry registry) {
		Tags tags = Tags.of(SocketClientMeters.CLIENT_TAG, client.name());
		gauge(registry, SocketClientMeters.STATE, tags, client,
				(observed) -> (observed.state() == ClientState.CONNECTED) ? 1 : 0);
		gauge(registry, SocketClientMeters.CONNECTIONS, tags, client, (observed) -> observed.connections().size());
		counter(registry, SocketClientMeters.RECONNECTS, tags, client, SocketClient::reconnects);
		counter(registry, SocketClientMeters.CONNECT_FAILURES, tags, client, SocketClient::connectFailures);
		counter(registry, SocketClientMeters.REQUESTS_SENT, tags, client, stats(ConnectionStats::requestsSent));
		counter(registry, SocketClientMeters.REQUESTS_REPLIED, tags, client, stats(ConnectionStats::replies));
		counter(registry, SocketClientMeters.REQUESTS_TIMED_OUT, tags, client,
				stats(ConnectionStats::requestsTimedOut));
		counter(registry, SocketClientMeters.DATA_SENT, tags, client, stats(ConnectionStats::bytesSent));
		counter(registry, SocketClientMeters.DATA_RECEIVED, tags, client, stats(ConnectionStats::bytesReceived));
	}

	private static ToLongFunction<SocketClient> stats(ToLongFunction<ConnectionStats> figure) {
		return (client) -> figure.applyAsLong(client.stats());
	}

	private static void gauge(MeterRegistry registry, SocketClientMeters meter, Tags tags, SocketClient client,
			ToDoubleFunction<SocketClient> value) {
		Gauge.builder(meter.getName(), client, value)
			.tags(tags)
			.description(meter.getDescription())
			.baseUnit(meter.getBaseUnit())
			.register(registry);
	}

	private static void counter(MeterRegistry registry, SocketClientMeters meter, Tags tags, SocketClient client,
			ToLongFunction<SocketClient> figure) {
		// Totals of closed connections join the figures just after the connections leave them: never go down.
		AtomicLong highest = new AtomicLong();
		FunctionCounter.builder(meter.getName(), client,
				(observed) -> highest.accumulateAndGet(figure.applyAsLong(observed), Math::max))
			.tags(tags)
			.description(meter.getDescription())
			.baseUnit(meter.getBaseUnit())
			.register(registry);
	}

}
