package dev.socketserver.autoconfigure.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.socketserver.connection.Connection;
import dev.socketserver.server.SocketServer;
import dev.socketserver.wiretap.WireTap;
import dev.socketserver.wiretap.WireTaps;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The wire tap operations of the {@link SocketServersEndpoint}: starting, reading and stopping taps.
 */
final class WireTapOperations {

	/** The last path segment of the tap operations. */
	static final String TAP = "tap";

	/** How long a start waits for the tap to be attached, so that its answer means "capturing now". */
	private static final Duration ATTACH_WAIT = Duration.ofSeconds(2);

	private final WireTaps taps;

	WireTapOperations(WireTaps taps) {
		this.taps = taps;
	}

	WireTapDescriptor start(Connection connection, @Nullable Integer frames, @Nullable Integer seconds) {
		WireTap tap = startOne(connection, frames, seconds);
		awaitAttached(tap);
		return WireTapDescriptor.of(tap);
	}

	/**
	 * Taps every open connection of an identity, newest first; all or none.
	 */
	WireTapDescriptor.Started startAll(SocketServer server, String identity, @Nullable Integer frames,
			@Nullable Integer seconds) {
		List<Connection> connections = server.connections()
			.connectionsOf(identity)
			.stream()
			.sorted(Comparator.comparing(Connection::openedAt).reversed())
			.toList();
		List<WireTap> started = new ArrayList<>();
		try {
			for (Connection connection : connections) {
				started.add(startOne(connection, frames, seconds));
			}
		}
		catch (RuntimeException ex) {
			started.forEach((tap) -> this.taps.stop(tap.serverName(), tap.connectionId()));
			throw ex;
		}
		started.forEach(this::awaitAttached);
		return new WireTapDescriptor.Started(started.stream().map(WireTapDescriptor::of).toList());
	}

	@Nullable WireTapDescriptor find(String server, String id) {
		WireTap tap = this.taps.find(server, id);
		return (tap != null) ? WireTapDescriptor.of(tap) : null;
	}

	@Nullable WireTapDescriptor stop(String server, String id) {
		WireTap tap = this.taps.stop(server, id);
		return (tap != null) ? WireTapDescriptor.of(tap) : null;
	}

	private WireTap startOne(Connection connection, @Nullable Integer frames, @Nullable Integer seconds) {
		try {
			return this.taps.start(connection, frames, (seconds != null) ? Duration.ofSeconds(seconds) : null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Invalid wire tap");
		}
	}

	private void awaitAttached(WireTap tap) {
		try {
			tap.awaitAttached(ATTACH_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
