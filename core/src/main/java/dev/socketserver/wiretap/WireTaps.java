package dev.socketserver.wiretap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * The wire taps of a process: starts them within the {@link WireTapSettings}, at most
 * {@link WireTapSettings#maxTaps()} at once and one per connection, and keeps the last ones that ended (as many
 * again) readable after their connection is gone. Safe from any thread.
 *
 * @since 0.1.0
 */
public final class WireTaps {

	private final WireTapSettings settings;

	/** By server and connection id, oldest first. */
	private final Map<String, WireTap> taps = new LinkedHashMap<>();

	/**
	 * Creates the registry of taps bound by some settings.
	 * @param settings the bounds
	 */
	public WireTaps(WireTapSettings settings) {
		this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
	}

	/**
	 * Returns the bounds of these taps.
	 * @return the settings
	 */
	public WireTapSettings settings() {
		return this.settings;
	}

	/**
	 * Starts tapping a connection, in place of a tap it already has.
	 * @param connection the connection
	 * @param frames how many frames to capture, {@code null} for the default
	 * @param duration how long to capture, {@code null} for the default
	 * @return the tap, running
	 * @throws IllegalArgumentException if the frames or the duration are out of bounds
	 * @throws WireTapRefusedException if as many taps as allowed are running already
	 */
	public WireTap start(Connection connection, @Nullable Integer frames, @Nullable Duration duration) {
		Objects.requireNonNull(connection, "'connection' must not be null");
		int count = (frames != null) ? frames : this.settings.defaultFrames();
		Duration time = (duration != null) ? duration : this.settings.defaultDuration();
		if (count <= 0 || count > this.settings.maxFrames()) {
			throw new IllegalArgumentException("'frames' must be between 1 and " + this.settings.maxFrames());
		}
		if (time.isNegative() || time.isZero() || time.compareTo(this.settings.maxDuration()) > 0) {
			throw new IllegalArgumentException(
					"The duration must be positive and at most " + this.settings.maxDuration());
		}
		WireTap tap = new WireTap(connection, count, time, this.settings);
		WireTap replaced;
		synchronized (this) {
			String key = key(connection.serverName(), connection.id());
			replaced = this.taps.get(key);
			int active = activeCount() - ((replaced != null && replaced.isActive()) ? 1 : 0);
			if (active >= this.settings.maxTaps()) {
				throw new WireTapRefusedException("Already " + active
						+ " wire taps running, the most allowed: stop one or wait for one to end");
			}
			this.taps.remove(key);
			this.taps.put(key, tap);
			forgetEndedBeyond(this.settings.maxTaps());
		}
		if (replaced != null) {
			replaced.end(WireTap.End.STOPPED);
		}
		tap.start();
		return tap;
	}

	/**
	 * Returns the tap of a connection, running or the last that ended.
	 * @param serverName the server's name
	 * @param connectionId the connection's id
	 * @return the tap, or {@code null} if the connection has none
	 */
	public synchronized @Nullable WireTap find(String serverName, String connectionId) {
		return this.taps.get(key(serverName, connectionId));
	}

	/**
	 * Stops the running tap of a connection.
	 * @param serverName the server's name
	 * @param connectionId the connection's id
	 * @return the tap, ended, or {@code null} if the connection has none
	 */
	public @Nullable WireTap stop(String serverName, String connectionId) {
		WireTap tap = find(serverName, connectionId);
		if (tap != null) {
			tap.end(WireTap.End.STOPPED);
		}
		return tap;
	}

	/**
	 * Returns the taps known, running and ended, oldest first.
	 * @return a copy of the taps
	 */
	public synchronized List<WireTap> taps() {
		return new ArrayList<>(this.taps.values());
	}

	/**
	 * Returns how many taps are running.
	 * @return the count
	 */
	public synchronized int activeCount() {
		int active = 0;
		for (WireTap tap : this.taps.values()) {
			if (tap.isActive()) {
				active++;
			}
		}
		return active;
	}

	private void forgetEndedBeyond(int kept) {
		int ended = this.taps.size() - activeCount();
		Iterator<WireTap> oldestFirst = this.taps.values().iterator();
		while (ended > kept && oldestFirst.hasNext()) {
			if (!oldestFirst.next().isActive()) {
				oldestFirst.remove();
				ended--;
			}
		}
	}

	private static String key(String serverName, String connectionId) {
		return serverName + '/' + connectionId;
	}

}
