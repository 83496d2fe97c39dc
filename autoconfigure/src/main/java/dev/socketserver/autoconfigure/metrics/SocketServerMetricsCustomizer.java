package dev.socketserver.autoconfigure.metrics;

import java.util.List;

import dev.socketserver.autoconfigure.SocketServerCustomizer;
import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.metrics.RecordingHandlerTimer;
import dev.socketserver.metrics.SocketServerMeters;
import dev.socketserver.server.SocketServerConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;

/**
 * Turns handler timing on for the servers built from properties. By default the server only counts and sums
 * invocations ({@link HandlerTimer#SUMS_ONLY}), read by a function timer; when the application's meter filters
 * (Boot's {@code management.metrics.distribution.*} properties among them) ask for percentiles, a histogram or
 * SLOs on {@code socket.server.handler.duration}, every invocation is recorded into a real timer instead. A meter
 * disabled by a filter turns timing off altogether.
 * <p>
 * Runs before the application's customizers, which may set a timer of their own.
 */
final class SocketServerMetricsCustomizer implements SocketServerCustomizer, Ordered {

	private final ObjectProvider<MeterFilter> meterFilters;

	SocketServerMetricsCustomizer(ObjectProvider<MeterFilter> meterFilters) {
		this.meterFilters = meterFilters;
	}

	@Override
	public void customize(SocketServerConfig.Builder builder) {
		builder.handlerTimer(handlerTimer(builder.name()));
	}

	/**
	 * Asks the filters about the handler timer of a server, as a registry would when registering it.
	 */
	@Nullable HandlerTimer handlerTimer(String serverName) {
		List<MeterFilter> filters = this.meterFilters.orderedStream().toList();
		Meter.Id id = new Meter.Id(SocketServerMeters.HANDLER_DURATION.getName(),
				Tags.of(SocketServerMeters.SERVER_TAG, serverName), null,
				SocketServerMeters.HANDLER_DURATION.getDescription(), Meter.Type.TIMER);
		for (MeterFilter filter : filters) {
			id = filter.map(id);
		}
		if (!isAccepted(filters, id)) {
			return null;
		}
		DistributionStatisticConfig config = DistributionStatisticConfig.NONE;
		for (MeterFilter filter : filters) {
			DistributionStatisticConfig configured = filter.configure(id, config);
			if (configured != null) {
				config = configured;
			}
		}
		return (config.isPublishingPercentiles() || config.isPublishingHistogram()) ? new RecordingHandlerTimer()
				: HandlerTimer.SUMS_ONLY;
	}

	private static boolean isAccepted(List<MeterFilter> filters, Meter.Id id) {
		for (MeterFilter filter : filters) {
			MeterFilterReply reply = filter.accept(id);
			if (reply == MeterFilterReply.DENY) {
				return false;
			}
			if (reply == MeterFilterReply.ACCEPT) {
				return true;
			}
		}
		return true;
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
