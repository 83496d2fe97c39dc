package dev.socketserver.metrics;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import dev.socketserver.dispatch.HandlerTimer;
import io.micrometer.core.instrument.Timer;

/**
 * Handler timer that records every invocation into Micrometer timers, installed only when distribution statistics
 * (percentiles, histogram or SLOs) are configured for {@code socket.server.handler.duration}: only then is a
 * per-message Micrometer call worth its cost. The timers are attached when the meters are bound; invocations
 * before that are only summed by the server.
 *
 * @since 0.1.0
 */
public final class RecordingHandlerTimer implements HandlerTimer {

	private static final Timer[] NONE = {};

	private volatile Timer[] timers = NONE;

	@Override
	public void record(long nanos) {
		for (Timer timer : this.timers) {
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Attaches the timer of one registry; called once per registry the meters are bound to.
	 */
	synchronized void attach(Timer timer) {
		Timer[] current = this.timers;
		for (Timer attached : current) {
			if (attached == timer) {
				return;
			}
		}
		Timer[] updated = Arrays.copyOf(current, current.length + 1);
		updated[current.length] = timer;
		this.timers = updated;
	}

}
