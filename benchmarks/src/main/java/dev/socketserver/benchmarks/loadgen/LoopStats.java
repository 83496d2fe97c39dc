package dev.socketserver.benchmarks.loadgen;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Figures of the connections of one client event loop. Touched only by that loop's thread, so plain fields;
 * reset and read through tasks submitted to the loop.
 *
 * @since 0.1.0
 */
final class LoopStats {

	private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

	private Histogram latency = new Histogram(HIGHEST_LATENCY_NANOS, 3);

	private long messages;

	private long bytes;

	private long verifiedBytes;

	/**
	 * Records one verified echo.
	 * @param latencyNanos time from sending to receiving it
	 * @param payloadBytes its payload size
	 */
	void record(long latencyNanos, int payloadBytes) {
		this.latency.recordValue(Math.min(Math.max(latencyNanos, 0), HIGHEST_LATENCY_NANOS));
		this.messages++;
		this.bytes += payloadBytes;
		this.verifiedBytes += payloadBytes;
	}

	/**
	 * Starts the measured window; verified bytes keep counting over the whole run.
	 */
	void reset() {
		this.latency = new Histogram(HIGHEST_LATENCY_NANOS, 3);
		this.messages = 0;
		this.bytes = 0;
	}

	Snapshot snapshot() {
		return new Snapshot(this.latency.copy(), this.messages, this.bytes, this.verifiedBytes);
	}

	/**
	 * Figures of a loop at one moment.
	 */
	record Snapshot(Histogram latency, long messages, long bytes, long verifiedBytes) {

		Snapshot plus(Snapshot other) {
			Histogram sum = this.latency.copy();
			sum.add(other.latency);
			return new Snapshot(sum, this.messages + other.messages, this.bytes + other.bytes,
					this.verifiedBytes + other.verifiedBytes);
		}

		static Snapshot empty() {
			return new Snapshot(new Histogram(HIGHEST_LATENCY_NANOS, 3), 0, 0, 0);
		}

	}

}
