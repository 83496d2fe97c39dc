package dev.socketserver.heartbeat;

import java.util.concurrent.ConcurrentHashMap;

import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The deadline wheels of one server, one per event loop, created on first use.
 *
 * @since 0.1.0
 */
public final class DeadlineWheels {

	private final DeadlinePolicy policy;

	private final @Nullable DeadlineWheel[] wheels;

	private final ConcurrentHashMap<EventExecutor, DeadlineWheel> otherWheels = new ConcurrentHashMap<>();

	private volatile boolean stopped;

	/**
	 * Creates the wheels of a server.
	 * @param policy the server's deadlines
	 * @param loops how many event loops serve its connections, each known by its index
	 */
	public DeadlineWheels(DeadlinePolicy policy, int loops) {
		this.policy = policy;
		this.wheels = new DeadlineWheel[loops];
	}

	/**
	 * Returns the server's deadlines.
	 * @return the policy
	 */
	public DeadlinePolicy policy() {
		return this.policy;
	}

	/**
	 * Returns the wheel of a connection's event loop, created on first use while the server runs; called on that
	 * loop only. Once the server stopped no wheel is created, but an existing one is still returned, so that its
	 * connections can leave it as they close.
	 * @param loop the event loop
	 * @param index the loop's index, or -1 for a loop of no known index (such as a test's embedded loop)
	 * @return the wheel, or {@code null} when no deadline is configured, or the server stopped before the loop had
	 * one
	 */
	public @Nullable DeadlineWheel wheelFor(EventExecutor loop, int index) {
		if (this.policy.longestNanos() == 0) {
			return null;
		}
		if (index >= 0) {
			DeadlineWheel wheel = this.wheels[index];
			if (wheel == null && !this.stopped) {
				wheel = newWheel(loop);
				this.wheels[index] = wheel;
			}
			return wheel;
		}
		return this.stopped ? this.otherWheels.get(loop) : this.otherWheels.computeIfAbsent(loop, this::newWheel);
	}

	private DeadlineWheel newWheel(EventExecutor loop) {
		return new DeadlineWheel(loop, this.policy);
	}

	/**
	 * Stops every wheel; called by the server once its connections are closed.
	 */
	public void stop() {
		this.stopped = true;
		for (DeadlineWheel wheel : this.wheels) {
			if (wheel != null) {
				wheel.cancel();
			}
		}
		this.otherWheels.values().forEach(DeadlineWheel::cancel);
	}

}
