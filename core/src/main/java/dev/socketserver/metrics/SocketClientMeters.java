package dev.socketserver.metrics;

import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * Names, descriptions and base units of the meters of socket clients: the one list of what
 * {@link SocketClientMetrics} registers. Every client meter carries the tag {@value #CLIENT_TAG}.
 *
 * @since 0.1.0
 */
public enum SocketClientMeters {

	/**
	 * Whether the client is connected: 1 when it is, 0 otherwise (gauge).
	 */
	STATE("socket.client.state", "Whether the client is connected (1) or not (0)", null),

	/**
	 * Connections of the client that are connected (gauge).
	 */
	CONNECTIONS("socket.client.connections", "Connections of the client that are connected", null),

	/**
	 * Attempts after a failed connect or a lost connection (counter).
	 */
	RECONNECTS("socket.client.reconnects", "Attempts after a failed connect or a lost connection", null),

	/**
	 * Attempts that failed: refused, timed out, or closed before ready (counter).
	 */
	CONNECT_FAILURES("socket.client.connect.failures",
			"Attempts that failed: refused, timed out, or closed before ready", null),

	/**
	 * Requests sent on the client's connections (counter).
	 */
	REQUESTS_SENT("socket.client.requests.sent", "Requests sent", null),

	/**
	 * Replies that answered a request (counter).
	 */
	REQUESTS_REPLIED("socket.client.requests.replied", "Replies that answered a request", null),

	/**
	 * Requests that got no reply in time (counter).
	 */
	REQUESTS_TIMED_OUT("socket.client.requests.timeouts", "Requests that got no reply in time", null),

	/**
	 * Bytes sent (counter).
	 */
	DATA_SENT("socket.client.data.sent", "Bytes sent", BaseUnits.BYTES),

	/**
	 * Bytes received (counter).
	 */
	DATA_RECEIVED("socket.client.data.received", "Bytes received", BaseUnits.BYTES);

	/**
	 * Tag naming the client on every client meter.
	 */
	public static final String CLIENT_TAG = "client";

	private final String name;

	private final String description;

	private final @Nullable String baseUnit;

	SocketClientMeters(String name, String description, @Nullable String baseUnit) {
		this.name = name;
		this.description = description;
		this.baseUnit = baseUnit;
	}

	/**
	 * Returns the meter name, dot-separated as Micrometer names are.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Returns the meter description.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Returns the base unit, or {@code null} for plain counts.
	 * @return the base unit
	 */
	public @Nullable String getBaseUnit() {
		return this.baseUnit;
	}

}
