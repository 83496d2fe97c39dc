package dev.socketserver.benchmarks.loadgen;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.socketserver.benchmarks.ResultLine;
import org.HdrHistogram.Histogram;

/**
 * Outcome of a load generator run. In connect mode a "message" is a whole connect, echo and close cycle.
 *
 * @param options the settings of the run
 * @param connected connections that were open at the start of the measurement (connect mode: cycles completed
 * over the whole run)
 * @param seconds length of the measured window
 * @param messages verified echoes received in the window
 * @param bytes payload bytes of those echoes
 * @param latency latencies of those echoes in nanoseconds (connect mode: connect to echo)
 * @param errors errors over the whole run
 * @param errorSummary errors by kind, empty when none
 * @param verifiedBytes payload bytes checked over the whole run, warm-up and drain included
 * @param serverCpuNanos server CPU time over the window, -1 if unknown
 * @param clientCpuNanos this process's CPU time over the window
 * @since 0.1.0
 */
public record LoadResult(LoadGeneratorOptions options, long connected, double seconds, long messages, long bytes,
		Histogram latency, long errors, String errorSummary, long verifiedBytes, long serverCpuNanos,
		long clientCpuNanos) {

	/**
	 * Returns verified echoes per second in the window.
	 * @return the rate
	 */
	public double messagesPerSecond() {
		return (this.seconds > 0) ? this.messages / this.seconds : 0;
	}

	/**
	 * Returns echoed payload megabytes (10^6 bytes, one direction) per second in the window.
	 * @return the rate
	 */
	public double megabytesPerSecond() {
		return (this.seconds > 0) ? this.bytes / 1e6 / this.seconds : 0;
	}

	/**
	 * Returns a latency percentile.
	 * @param percentile e.g. 99.9
	 * @return the latency in microseconds
	 */
	public double latencyMicros(double percentile) {
		return (this.latency.getTotalCount() > 0) ? this.latency.getValueAtPercentile(percentile) / 1000.0 : 0;
	}

	/**
	 * Returns the server's CPU time per verified echo in the window.
	 * @return nanoseconds, or -1 if unknown
	 */
	public double serverCpuNanosPerMessage() {
		return (this.serverCpuNanos >= 0 && this.messages > 0) ? (double) this.serverCpuNanos / this.messages : -1;
	}

	/**
	 * Returns the share of one core the server used in the window.
	 * @return 1.0 for one busy core, -1 if unknown
	 */
	public double serverCpuUtilisation() {
		return (this.serverCpuNanos >= 0 && this.seconds > 0) ? this.serverCpuNanos / 1e9 / this.seconds : -1;
	}

	/**
	 * Returns the share of one core this load generator used in the window; near 1.0 with one client thread
	 * means the client, not the server, may be the limit.
	 * @return 1.0 for one busy core
	 */
	public double clientCpuUtilisation() {
		return (this.clientCpuNanos >= 0 && this.seconds > 0) ? this.clientCpuNanos / 1e9 / this.seconds : -1;
	}

	/**
	 * Returns the figures as a human-readable report.
	 * @return the report
	 */
	public String report() {
		StringBuilder report = new StringBuilder();
		LoadGeneratorOptions o = this.options;
		report.append(String.format(Locale.ROOT, "%s %s:%d, %s, payload %d B, %s%n",
				o.mode().name().toLowerCase(Locale.ROOT), o.host(), o.port(),
				o.protocol().name().toLowerCase(Locale.ROOT), o.payloadSize(), switch (o.mode()) {
					case ECHO -> this.connected + " connection(s), pipeline " + o.pipeline();
					case CONNECT -> o.concurrency() + " slots, " + this.connected + " connections in the run";
					case IDLE -> this.connected + " connection(s) still open at release";
				}));
		if (o.mode() != Mode.IDLE) {
			String unit = (o.mode() == Mode.CONNECT) ? "connections/s" : "messages/s";
			report.append(String.format(Locale.ROOT, "  %.0f %s, %.2f MB/s over %.2f s (%d verified)%n",
					messagesPerSecond(), unit, megabytesPerSecond(), this.seconds, this.messages));
			report.append(String.format(Locale.ROOT, "  latency us: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
					latencyMicros(50), latencyMicros(99), latencyMicros(99.9), this.latency.getMaxValue() / 1000.0));
			if (this.serverCpuNanos >= 0) {
				report.append(String.format(Locale.ROOT, "  server CPU: %.0f ns per %s, %.0f%% of a core%n",
						serverCpuNanosPerMessage(), (o.mode() == Mode.CONNECT) ? "connection" : "message",
						serverCpuUtilisation() * 100));
			}
			report.append(String.format(Locale.ROOT, "  client CPU: %.0f%% of a core (%d thread(s))%n",
					clientCpuUtilisation() * 100, o.threads()));
		}
		report.append(String.format(Locale.ROOT, "  verified bytes: %d, errors: %d%s", this.verifiedBytes,
				this.errors, this.errors > 0 ? " -- " + this.errorSummary : ""));
		return report.toString();
	}

	/**
	 * Returns the figures as a {@link ResultLine}.
	 * @return the line
	 */
	public String resultLine() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("mode", this.options.mode().name().toLowerCase(Locale.ROOT));
		values.put("protocol", this.options.protocol().name().toLowerCase(Locale.ROOT));
		values.put("connected", this.connected);
		values.put("payload", this.options.payloadSize());
		values.put("pipeline", this.options.pipeline());
		values.put("seconds", format(this.seconds, 3));
		values.put("messages", this.messages);
		values.put("msgPerSec", format(messagesPerSecond(), 1));
		values.put("mbPerSec", format(megabytesPerSecond(), 3));
		values.put("p50us", format(latencyMicros(50), 1));
		values.put("p99us", format(latencyMicros(99), 1));
		values.put("p999us", format(latencyMicros(99.9), 1));
		values.put("maxUs", format(this.latency.getMaxValue() / 1000.0, 1));
		values.put("serverCpuNanos", this.serverCpuNanos);
		values.put("serverCpuNsPerMsg", format(serverCpuNanosPerMessage(), 1));
		values.put("serverCpuUtil", format(serverCpuUtilisation(), 3));
		values.put("clientCpuUtil", format(clientCpuUtilisation(), 3));
		values.put("verifiedBytes", this.verifiedBytes);
		values.put("errors", this.errors);
		return ResultLine.format(values);
	}

	private static String format(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
