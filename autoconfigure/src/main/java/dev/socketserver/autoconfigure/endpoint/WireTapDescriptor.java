package dev.socketserver.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;

import dev.socketserver.wiretap.WireTap;
import dev.socketserver.wiretap.WireTapEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One wire tap of a connection, as the {@link SocketServersEndpoint} shows it.
 *
 * @param server the server's name
 * @param connection the connection's id
 * @param identity the connection's identity, {@code null} if none
 * @param active whether the tap still captures
 * @param frames the most frames it captures
 * @param duration the longest it runs, ISO-8601
 * @param startedAt when it started
 * @param endedAt when it ended, {@code null} while it runs
 * @param end why it ended, {@code null} while it runs
 * @param captured how many frames it captured
 * @param entries the frames captured, oldest first
 * @since 0.1.0
 */
public record WireTapDescriptor(String server, String connection, @Nullable String identity, boolean active,
		int frames, String duration, Instant startedAt, @Nullable Instant endedAt, WireTap.@Nullable End end,
		int captured, List<WireTapEntry> entries) implements OperationResponseBody {

	static WireTapDescriptor of(WireTap tap) {
		List<WireTapEntry> entries = tap.entries();
		return new WireTapDescriptor(tap.serverName(), tap.connectionId(), tap.identity(), tap.isActive(),
				tap.frames(), tap.duration().toString(), tap.startedAt(), tap.endedAt(), tap.end(), entries.size(),
				entries);
	}

	/**
	 * The taps started by one request.
	 *
	 * @param taps the taps
	 */
	public record Started(List<WireTapDescriptor> taps) implements OperationResponseBody {

	}

}
