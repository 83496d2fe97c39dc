package dev.socketserver.metrics;

import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * Names, descriptions and base units of the meters of socket servers: the one list of what
 * {@link SocketServerMetrics} and {@link SocketServerNettyMetrics} register. Every server meter carries the
 * tag {@value #SERVER_TAG}; close and rejection counters also carry {@value #REASON_TAG}.
 *
 * @since 0.1.0
 */
public enum SocketServerMeters {

	/**
	 * Open connections (gauge).
	 */
	CONNECTIONS_ACTIVE("socket.server.connections.active", "Open connections", null),

	/**
	 * Configured maximum of open connections (gauge), only registered when the server has a limit.
	 */
	CONNECTIONS_MAX("socket.server.connections.max", "Configured maximum of open connections", null),

	/**
	 * Connections opened (counter).
	 */
	CONNECTIONS_OPENED("socket.server.connections.opened", "Connections opened", null),

	/**
	 * Connections closed, by close reason (counter).
	 */
	CONNECTIONS_CLOSED("socket.server.connections.closed", "Connections closed, by reason", null),

	/**
	 * Connections refused at accept time, by reason (counter).
	 */
	CONNECTIONS_REJECTED("socket.server.connections.rejected", "Connections refused at accept time, by reason",
			null),

	/**
	 * Connections that are not writable now because their peer reads too slowly (gauge).
	 */
	CONNECTIONS_UNWRITABLE("socket.server.connections.unwritable",
			"Connections not writable now because their peer reads too slowly", null),

	/**
	 * Bytes received (counter).
	 */
	DATA_RECEIVED("socket.server.data.received", "Bytes received", BaseUnits.BYTES),

	/**
	 * Bytes sent (counter).
	 */
	DATA_SENT("socket.server.data.sent", "Bytes sent", BaseUnits.BYTES),

	/**
	 * Bytes waiting to be written to the sockets (gauge).
	 */
	OUTBOUND_PENDING("socket.server.outbound.pending", "Bytes waiting to be written to the sockets",
			BaseUnits.BYTES),

	/**
	 * Messages received (counter).
	 */
	MESSAGES_RECEIVED("socket.server.messages.received", "Messages received", null),

	/**
	 * Messages sent (counter).
	 */
	MESSAGES_SENT("socket.server.messages.sent", "Messages sent", null),

	/**
	 * Messages dropped by the slow-consumer policy (counter).
	 */
	MESSAGES_DROPPED("socket.server.messages.dropped", "Messages dropped by the slow-consumer policy", null),

	/**
	 * Connections closed because their input could not be decoded or was too large (counter).
	 */
	DECODE_ERRORS("socket.server.decode.errors", "Inputs that could not be decoded or were too large", null),

	/**
	 * Exceptions thrown by the handler (counter).
	 */
	HANDLER_ERRORS("socket.server.handler.errors", "Exceptions thrown by the handler", null),

	/**
	 * Time the handler took per message (timer): a function timer of count and total time by default, a
	 * recording timer with distribution statistics when they are configured for this name.
	 */
	HANDLER_DURATION("socket.server.handler.duration", "Time the handler took per message", null),

	/**
	 * Heartbeat pings the server sent (counter).
	 */
	HEARTBEAT_PINGS_SENT("socket.server.heartbeat.pings.sent", "Heartbeat pings sent by the server", null),

	/**
	 * Pongs received in answer to the server's pings (counter).
	 */
	HEARTBEAT_PONGS_RECEIVED("socket.server.heartbeat.pongs.received",
			"Pongs received in answer to the server's pings", null),

	/**
	 * Pings from clients that the server answered (counter).
	 */
	HEARTBEAT_PINGS_ANSWERED("socket.server.heartbeat.pings.answered", "Pings from clients answered by the server",
			null),

	/**
	 * Connections closed because the peer did not answer the server's pings (counter).
	 */
	HEARTBEAT_TIMEOUTS("socket.server.heartbeat.timeouts",
			"Connections closed because the peer did not answer the server's pings", null),

	/**
	 * Times a connection stopped being read because it sent faster than its message rate limit, under the
	 * {@code pause} policy (counter). Closes for the {@code close} policy are counted as connections closed with
	 * reason {@code rate-limited}.
	 */
	RATE_LIMIT_PAUSES("socket.server.ratelimit.pauses",
			"Times a connection stopped being read because it exceeded its message rate", null),

	/**
	 * Connections that authenticated, on servers that authenticate (counter). Failures are counted as connections
	 * closed with reason {@code authentication-failed} or {@code authentication-timeout}, addresses banned after
	 * failures as connections rejected with reason {@code access-denied}.
	 */
	AUTHENTICATIONS("socket.server.authentications", "Connections that authenticated", null),

	/**
	 * Messages refused because the connection's principal lacked the authority they require (counter).
	 */
	FORBIDDEN("socket.server.forbidden",
			"Messages refused because the connection's principal lacked the authority they require", null),

	/**
	 * Requests sent that wait or waited for a reply (counter), only on servers that correlate requests.
	 */
	REQUESTS_SENT("socket.server.requests.sent", "Requests sent to connections, waiting for a reply", null),

	/**
	 * Requests answered and the time they waited for their reply (function timer).
	 */
	REQUESTS_REPLIES("socket.server.requests.replies", "Replies to requests and the time they took", null),

	/**
	 * Requests whose reply did not arrive in time (counter).
	 */
	REQUESTS_TIMED_OUT("socket.server.requests.timed.out", "Requests whose reply did not arrive in time", null),

	/**
	 * Requests refused or failed by the close of their connection (counter).
	 */
	REQUESTS_FAILED("socket.server.requests.failed",
			"Requests refused, or failed because their connection closed before the reply", null),

	/**
	 * Connections served by each worker event loop, over all servers sharing it (gauge, tagged with the loop's
	 * thread name as Micrometer's Netty meters are, not with a server).
	 */
	EVENT_LOOP_CONNECTIONS("socket.server.eventloop.connections",
			"Connections served by a worker event loop, over all servers", null);

	/**
	 * Tag naming the server on every server meter.
	 */
	public static final String SERVER_TAG = "server";

	/**
	 * Tag naming the close reason, as {@code CloseReason.tag()} gives it.
	 */
	public static final String REASON_TAG = "reason";

	/**
	 * Tag naming the event loop thread, as in {@code netty.eventexecutor.tasks.pending}.
	 */
	public static final String LOOP_TAG = "name";

	private final String name;

	private final String description;

	private final @Nullable String baseUnit;

	SocketServerMeters(String name, String description, @Nullable String baseUnit) {
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
