package dev.socketserver.metrics;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.server.SocketServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * {@link MeterBinder} for socket servers: connections, traffic, errors, heartbeats and handler time, each tagged
 * with the server's name. It observes the servers and never owns them.
 * <p>
 * Every meter reads the figures the servers keep anyway ({@link ConnectionStats}) when the registry is scraped;
 * the message path pays nothing for them. Handler time is measured only when the server has a
 * {@link HandlerTimer}: it is published as a function timer over the server's sums, or as a recording timer when
 * the server's timer was installed by the auto-configuration because distribution statistics were asked for.
 *
 * @since 0.1.0
 * @see SocketServerMeters
 */
public class SocketServerMetrics implements MeterBinder {

	private final Iterable<? extends SocketServer> servers;

	/**
	 * Creates a binder for servers, which are looked up when binding.
	 * @param servers the servers
	 */
	public SocketServerMetrics(Iterable<? extends SocketServer> servers) {
		this.servers = Objects.requireNonNull(servers, "'servers' must not be null");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SocketServer server : this.servers) {
			bind(server, registry);
		}
	}

	private void bind(SocketServer server, MeterRegistry registry) {
		Tags tags = Tags.of(SocketServerMeters.SERVER_TAG, server.name());
		ConnectionManager connections = server.connections();
		ConnectionStats stats = connections.stats();
		gauge(registry, SocketServerMeters.CONNECTIONS_ACTIVE, tags, connections, ConnectionManager::count);
		if (connections.limits().maxConnections() > 0) {
			gauge(registry, SocketServerMeters.CONNECTIONS_MAX, tags, connections,
					(manager) -> manager.limits().maxConnections());
		}
		gauge(registry, SocketServerMeters.CONNECTIONS_UNWRITABLE, tags, stats,
				ConnectionStats::unwritableConnections);
		gauge(registry, SocketServerMeters.OUTBOUND_PENDING, tags, stats, ConnectionStats::pendingOutboundBytes);
		counter(registry, SocketServerMeters.CONNECTIONS_OPENED, tags, stats, ConnectionStats::opened);
		for (CloseReason reason : CloseReason.values()) {
			Tags reasonTags = tags.and(SocketServerMeters.REASON_TAG, reason.tag());
			counter(registry, SocketServerMeters.CONNECTIONS_CLOSED, reasonTags, stats,
					(figures) -> figures.closed(reason));
			if (reason.isRejection()) {
				counter(registry, SocketServerMeters.CONNECTIONS_REJECTED, reasonTags, stats,
						(figures) -> figures.rejected(reason));
			}
		}
		counter(registry, SocketServerMeters.DATA_RECEIVED, tags, stats, ConnectionStats::bytesReceived);
		counter(registry, SocketServerMeters.DATA_SENT, tags, stats, ConnectionStats::bytesSent);
		counter(registry, SocketServerMeters.MESSAGES_RECEIVED, tags, stats, ConnectionStats::messagesReceived);
		counter(registry, SocketServerMeters.MESSAGES_SENT, tags, stats, ConnectionStats::messagesSent);
		counter(registry, SocketServerMeters.MESSAGES_DROPPED, tags, stats, ConnectionStats::droppedMessages);
		counter(registry, SocketServerMeters.DECODE_ERRORS, tags, stats, ConnectionStats::decodeErrors);
		counter(registry, SocketServerMeters.HANDLER_ERRORS, tags, stats, ConnectionStats::handlerErrors);
		counter(registry, SocketServerMeters.HEARTBEAT_PINGS_SENT, tags, stats, ConnectionStats::pingsSent);
		counter(registry, SocketServerMeters.HEARTBEAT_PONGS_RECEIVED, tags, stats, ConnectionStats::pongsReceived);
		counter(registry, SocketServerMeters.HEARTBEAT_PINGS_ANSWERED, tags, stats, ConnectionStats::pingsAnswered);
		counter(registry, SocketServerMeters.HEARTBEAT_TIMEOUTS, tags, stats,
				(figures) -> figures.closed(CloseReason.HEARTBEAT_TIMEOUT));
		counter(registry, SocketServerMeters.RATE_LIMIT_PAUSES, tags, stats, ConnectionStats::ratePauses);
		if (server.config().authentication() != null) {
			counter(registry, SocketServerMeters.AUTHENTICATIONS, tags, stats, ConnectionStats::authenticated);
			counter(registry, SocketServerMeters.FORBIDDEN, tags, stats, ConnectionStats::forbidden);
		}
		if (server.config().requests() != null) {
			counter(registry, SocketServerMeters.REQUESTS_SENT, tags, stats, ConnectionStats::requestsSent);
			counter(registry, SocketServerMeters.REQUESTS_TIMED_OUT, tags, stats, ConnectionStats::requestsTimedOut);
			counter(registry, SocketServerMeters.REQUESTS_FAILED, tags, stats, ConnectionStats::requestsFailed);
			functionTimer(registry, SocketServerMeters.REQUESTS_REPLIES, tags, stats, ConnectionStats::replies,
					ConnectionStats::replyNanos);
		}
		bindHandlerDuration(server.config().handlerTimer(), tags, stats, registry);
	}

	private void bindHandlerDuration(@Nullable HandlerTimer handlerTimer, Tags tags, ConnectionStats stats,
			MeterRegistry registry) {
		SocketServerMeters meter = SocketServerMeters.HANDLER_DURATION;
		if (handlerTimer instanceof RecordingHandlerTimer recording) {
			recording.attach(Timer.builder(meter.getName())
				.tags(tags)
				.description(meter.getDescription())
				.register(registry));
		}
		else if (handlerTimer != null) {
			functionTimer(registry, meter, tags, stats, ConnectionStats::handlerInvocations,
					ConnectionStats::handlerNanos);
		}
	}

	private static void functionTimer(MeterRegistry registry, SocketServerMeters meter, Tags tags,
			ConnectionStats stats, ToLongFunction<ConnectionStats> count, ToLongFunction<ConnectionStats> nanos) {
		ToLongFunction<ConnectionStats> totalNanos = monotonic(nanos);
		FunctionTimer.builder(meter.getName(), stats, monotonic(count), totalNanos::applyAsLong, TimeUnit.NANOSECONDS)
			.tags(tags)
			.description(meter.getDescription())
			.register(registry);
	}

	private static <T> void gauge(MeterRegistry registry, SocketServerMeters meter, Tags tags, T state,
			ToDoubleFunction<T> value) {
		Gauge.builder(meter.getName(), state, value)
			.tags(tags)
			.description(meter.getDescription())
			.baseUnit(meter.getBaseUnit())
			.register(registry);
	}

	private static void counter(MeterRegistry registry, SocketServerMeters meter, Tags tags, ConnectionStats stats,
			ToLongFunction<ConnectionStats> figure) {
		ToLongFunction<ConnectionStats> total = monotonic(figure);
		FunctionCounter.builder(meter.getName(), stats, total::applyAsLong)
			.tags(tags)
			.description(meter.getDescription())
			.baseUnit(meter.getBaseUnit())
			.register(registry);
	}

	/**
	 * Keeps a total from going down. A closing connection leaves the live set just before its figures join the
	 * totals of closed connections, so a read in between sees slightly less than the previous one; a counter that
	 * drops looks like a restart to Prometheus, whose rates would then jump.
	 */
	private static ToLongFunction<ConnectionStats> monotonic(ToLongFunction<ConnectionStats> figure) {
		AtomicLong highest = new AtomicLong();
		return (stats) -> highest.accumulateAndGet(figure.applyAsLong(stats), Math::max);
	}

}
