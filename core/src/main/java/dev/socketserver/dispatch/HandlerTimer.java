package dev.socketserver.dispatch;

/**
 * Observes how long the handler takes for each message, for latency distributions. When a server has one, every
 * handler invocation is timed; without one, none is.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HandlerTimer {

	/**
	 * Records one handler invocation. Called on the thread that ran the handler; must be cheap and thread-safe.
	 * @param nanos how long the invocation took, in nanoseconds
	 */
	void record(long nanos);

	/**
	 * A timer that only enables timing: invocations are counted and summed in the server's
	 * {@code ConnectionStats}, nothing else is recorded.
	 */
	HandlerTimer SUMS_ONLY = (nanos) -> {
	};

}
