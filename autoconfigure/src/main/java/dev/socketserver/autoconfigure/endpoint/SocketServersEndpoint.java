package dev.socketserver.autoconfigure.endpoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionLimits;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.server.ServerState;
import dev.socketserver.server.SocketOptions;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.Transport;
import dev.socketserver.wiretap.WireTap;
import dev.socketserver.wiretap.WireTapRefusedException;
import dev.socketserver.wiretap.WireTaps;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} to inspect socket servers and their connections, and to close a connection:
 * <ul>
 * <li>{@code GET /actuator/socketservers}: every server, its settings and live figures;</li>
 * <li>{@code GET /actuator/socketservers/{server}?offset=0&limit=100}: a page of a server's connections;</li>
 * <li>{@code GET /actuator/socketservers/{server}/{id}}: one connection;</li>
 * <li>{@code DELETE /actuator/socketservers/{server}/{id}}: closes a connection with
 * {@link CloseReason#CLOSED_BY_ADMIN}; {@code ?node=} closes one of another node of a cluster;</li>
 * <li>{@code GET /actuator/socketservers/{server}?identity=pump-7}: the connections of an identity, on every node
 * when a {@link RemoteConnections} bean exists; {@code DELETE} on the same path closes them;</li>
 * <li>{@code POST /actuator/socketservers/{server}/{id}/tap?frames=100&seconds=60}: starts a {@link WireTap} of a
 * connection; {@code POST /actuator/socketservers/{server}/tap?identity=pump-7} taps every connection of an
 * identity; {@code GET} and {@code DELETE} on {@code /actuator/socketservers/{server}/{id}/tap} read and stop
 * a connection's tap.</li>
 * </ul>
 * Connections are described by their addresses, identity, groups, times and counters, never by their attribute
 * values, which may hold secrets.
 *
 * @since 0.1.0
 */
@Endpoint(id = "socketservers")
public class SocketServersEndpoint {

	/**
	 * Connections per page when the request does not say.
	 */
	public static final int DEFAULT_PAGE_SIZE = 100;

	/**
	 * Most connections per page.
	 */
	public static final int MAX_PAGE_SIZE = 1000;

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

	private final Iterable<? extends SocketServer> servers;

	private final @Nullable WireTapOperations wireTaps;

	private final IdentityOperations identities;

	/**
	 * Creates an endpoint for servers, which are looked up on each request, that cannot tap connections.
	 * @param servers the servers
	 */
	public SocketServersEndpoint(Iterable<? extends SocketServer> servers) {
		this(servers, null);
	}

	/**
	 * Creates an endpoint for servers, which are looked up on each request.
	 * @param servers the servers
	 * @param wireTaps the taps of their connections, {@code null} to refuse taps
	 */
	public SocketServersEndpoint(Iterable<? extends SocketServer> servers, @Nullable WireTaps wireTaps) {
		this(servers, wireTaps, null);
	}

	/**
	 * Creates an endpoint for servers, which are looked up on each request, and the connections of the other
	 * nodes of a cluster.
	 * @param servers the servers
	 * @param wireTaps the taps of their connections, {@code null} to refuse taps
	 * @param remote the connections of the other nodes, {@code null} without a cluster
	 * @since 0.1.0
	 */
	public SocketServersEndpoint(Iterable<? extends SocketServer> servers, @Nullable WireTaps wireTaps,
			@Nullable RemoteConnections remote) {
		this.servers = Objects.requireNonNull(servers, "'servers' must not be null");
		this.wireTaps = (wireTaps != null) ? new WireTapOperations(wireTaps) : null;
		this.identities = new IdentityOperations(remote);
	}

	/**
	 * Describes every server.
	 * @return the servers by name
	 */
	@ReadOperation
	public SocketServersDescriptor servers() {
		Map<String, ServerDescriptor> descriptors = new LinkedHashMap<>();
		for (SocketServer server : this.servers) {
			descriptors.put(server.name(), describe(server));
		}
		return new SocketServersDescriptor(descriptors);
	}

	/**
	 * Describes a page of a server's open connections or, given an identity, its connections on every node.
	 * @param server the server's name
	 * @param offset how many connections to skip, 0 if not given
	 * @param limit the most connections to describe
	 * @param identity the identity whose connections to describe, {@code null} for a page of all
	 * @return the page or the identity's connections, or {@code null} if there is no such server
	 */
	@ReadOperation
	public @Nullable OperationResponseBody connections(@Selector String server, @Nullable Integer offset,
			@Nullable Integer limit, @Nullable String identity) {
		if (identity == null) {
			return connections(server, offset, limit);
		}
		SocketServer found = find(server);
		return (found != null) ? this.identities.find(found, identity) : null;
	}

	/**
	 * Closes the open connections of an identity, on every node when there is a cluster, with
	 * {@link CloseReason#CLOSED_BY_ADMIN}.
	 * @param server the server's name
	 * @param identity the identity
	 * @return the connections as they are after the close, or {@code null} if there is no such server
	 */
	@DeleteOperation
	public @Nullable IdentityConnectionsDescriptor closeIdentity(@Selector String server, String identity) {
		SocketServer found = find(server);
		return (found != null) ? this.identities.close(found, identity) : null;
	}

	/**
	 * Closes one open connection of a server, of this node or, with a cluster, of another one.
	 * @param server the server's name
	 * @param id the connection's id
	 * @param node the node that holds it, {@code null} for this one
	 * @return the connection as it is after the close, or {@code null} if there is no such server or connection
	 */
	@DeleteOperation
	public @Nullable OperationResponseBody closeConnection(@Selector String server, @Selector String id,
			@Nullable String node) {
		SocketServer found = find(server);
		if (found == null) {
			return null;
		}
		if (node != null) {
			IdentityConnectionsDescriptor remote = this.identities.closeOn(found, node, id);
			if (remote != null) {
				return remote;
			}
		}
		return closeConnection(server, id);
	}

	/**
	 * Describes a page of a server's open connections.
	 * @param server the server's name
	 * @param offset how many connections to skip, 0 if not given
	 * @param limit the most connections to describe, {@value #DEFAULT_PAGE_SIZE} if not given, at most
	 * {@value #MAX_PAGE_SIZE}
	 * @return the page, or {@code null} if there is no such server
	 */
	public @Nullable ConnectionsDescriptor connections(String server, @Nullable Integer offset,
			@Nullable Integer limit) {
		SocketServer found = find(server);
		if (found == null) {
			return null;
		}
		int from = (offset != null) ? offset : 0;
		int size = (limit != null) ? limit : DEFAULT_PAGE_SIZE;
		if (from < 0 || size < 0 || size > MAX_PAGE_SIZE) {
			throw new InvalidEndpointRequestException(
					"'offset' must not be negative and 'limit' must be between 0 and " + MAX_PAGE_SIZE,
					"Invalid page");
		}
		ConnectionManager connections = found.connections();
		List<ConnectionDescriptor> page = connections.page(from, size).stream().map(this::describe).toList();
		return new ConnectionsDescriptor(found.name(), connections.count(), from, size, page);
	}

	/**
	 * Describes one open connection of a server.
	 * @param server the server's name
	 * @param id the connection's id
	 * @return the connection, or {@code null} if there is no such server or open connection
	 */
	@ReadOperation
	public @Nullable ConnectionDescriptor connection(@Selector String server, @Selector String id) {
		Connection connection = findConnection(server, id);
		return (connection != null) ? describe(connection) : null;
	}

	/**
	 * Closes one open connection of a server with {@link CloseReason#CLOSED_BY_ADMIN}, waiting a moment for it
	 * to close.
	 * @param server the server's name
	 * @param id the connection's id
	 * @return the connection as it is after the close, or {@code null} if there is no such server or open
	 * connection
	 */
	public @Nullable ConnectionDescriptor closeConnection(String server, String id) {
		Connection connection = findConnection(server, id);
		if (connection == null) {
			return null;
		}
		connection.close(CloseReason.CLOSED_BY_ADMIN);
		try {
			connection.closeFuture().toCompletableFuture().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Described as it is: still closing.
		}
		return describe(connection);
	}

	/**
	 * Starts a wire tap of one open connection, in place of any it has, and waits a moment for it to capture.
	 * @param server the server's name
	 * @param id the connection's id
	 * @param tap {@code tap}
	 * @param frames how many frames to capture, the configured default if not given
	 * @param seconds for how long, the configured default if not given
	 * @return the tap, or {@code null} if there is no such server, open connection or path, or taps are off
	 * @throws WireTapRefusedException if as many taps as allowed are running
	 */
	@WriteOperation
	public @Nullable WireTapDescriptor startTap(@Selector String server, @Selector String id, @Selector String tap,
			@Nullable Integer frames, @Nullable Integer seconds) {
		Connection connection = findConnection(server, id);
		WireTapOperations taps = this.wireTaps;
		return (taps != null && connection != null && isTap(tap)) ? taps.start(connection, frames, seconds) : null;
	}

	/**
	 * Starts a wire tap of every open connection of an identity, all or none.
	 * @param server the server's name
	 * @param tap {@code tap}
	 * @param identity the identity
	 * @param frames how many frames to capture per connection, the configured default if not given
	 * @param seconds for how long, the configured default if not given
	 * @return the taps, newest connection first, or {@code null} if there is no such server, path or connection of
	 * the identity, or taps are off
	 * @throws WireTapRefusedException if as many taps as allowed are running
	 */
	@WriteOperation
	public WireTapDescriptor.@Nullable Started startTaps(@Selector String server, @Selector String tap,
			String identity, @Nullable Integer frames, @Nullable Integer seconds) {
		SocketServer found = find(server);
		WireTapOperations taps = this.wireTaps;
		if (taps == null || found == null || !isTap(tap) || found.connections().connectionsOf(identity).isEmpty()) {
			return null;
		}
		return taps.startAll(found, identity, frames, seconds);
	}

	/**
	 * Describes the wire tap of a connection, running or ended, with what it captured.
	 * @param server the server's name
	 * @param id the connection's id
	 * @param tap {@code tap}
	 * @return the tap, or {@code null} if the connection has none
	 */
	@ReadOperation
	public @Nullable WireTapDescriptor tap(@Selector String server, @Selector String id, @Selector String tap) {
		WireTapOperations taps = this.wireTaps;
		return (taps != null && isTap(tap)) ? taps.find(server, id) : null;
	}

	/**
	 * Stops the wire tap of a connection.
	 * @param server the server's name
	 * @param id the connection's id
	 * @param tap {@code tap}
	 * @return the tap, ended, or {@code null} if the connection has none
	 */
	@DeleteOperation
	public @Nullable WireTapDescriptor stopTap(@Selector String server, @Selector String id, @Selector String tap) {
		WireTapOperations taps = this.wireTaps;
		return (taps != null && isTap(tap)) ? taps.stop(server, id) : null;
	}

	private static boolean isTap(String segment) {
		return WireTapOperations.TAP.equals(segment);
	}

	private @Nullable SocketServer find(String name) {
		for (SocketServer server : this.servers) {
			if (server.name().equals(name)) {
				return server;
			}
		}
		return null;
	}

	private @Nullable Connection findConnection(String server, String id) {
		SocketServer found = find(server);
		return (found != null) ? found.connections().get(id) : null;
	}

	private ServerDescriptor describe(SocketServer server) {
		SocketServerConfig config = server.config();
		InetSocketAddress bound = server.boundAddress();
		InetAddress configured = config.address();
		String address = (bound != null) ? bound.getAddress().getHostAddress()
				: (configured != null) ? configured.getHostAddress() : null;
		Instant startedAt = server.startedAt();
		String uptime = (startedAt != null)
				? Duration.ofSeconds(Duration.between(startedAt, Instant.now()).toSeconds()).toString() : null;
		ConnectionLimits limits = config.limits();
		SettingsDescriptor settings = new SettingsDescriptor(limits.maxConnections(),
				limits.maxConnectionsPerAddress(), limits.maxPendingOutboundBytes(), limits.slowConsumerPolicy(),
				limits.unwritableTimeout().toString(), limits.handlerErrorPolicy(),
				config.shutdownGracePeriod().toString(), config.socketOptions(), config.handlerTimer() != null);
		return new ServerDescriptor(server.name(), server.state(), server.transport(), address,
				(bound != null) ? bound.getPort() : config.port(), String.valueOf(config.codec()), startedAt, uptime,
				settings, figures(server.connections()));
	}

	private FiguresDescriptor figures(ConnectionManager connections) {
		ConnectionStats stats = connections.stats();
		Map<String, Long> closed = new LinkedHashMap<>();
		Map<String, Long> rejected = new LinkedHashMap<>();
		for (CloseReason reason : CloseReason.values()) {
			putIfPositive(closed, reason.tag(), stats.closed(reason));
			putIfPositive(rejected, reason.tag(), stats.rejected(reason));
		}
		return new FiguresDescriptor(connections.count(), stats.opened(), closed, rejected, stats.bytesReceived(),
				stats.bytesSent(), stats.messagesReceived(), stats.messagesSent(), stats.decodeErrors(),
				stats.handlerErrors(), stats.droppedMessages(), stats.pendingOutboundBytes(),
				stats.unwritableConnections());
	}

	private static void putIfPositive(Map<String, Long> counts, String key, long count) {
		if (count > 0) {
			counts.put(key, count);
		}
	}

	private ConnectionDescriptor describe(Connection connection) {
		CloseReason closeReason = connection.closeReason();
		return new ConnectionDescriptor(connection.id(), connection.serverName(),
				format(connection.remoteAddress()), format(connection.localAddress()), connection.identity(),
				connection.groups().stream().sorted().toList(), connection.openedAt(), connection.lastReadAt(),
				connection.lastWriteAt(), connection.bytesReceived(), connection.bytesSent(),
				connection.messagesReceived(), connection.messagesSent(), connection.pendingOutboundBytes(),
				connection.isWritable(), connection.isOpen(), (closeReason != null) ? closeReason.tag() : null);
	}

	private static String format(SocketAddress address) {
		if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
			String host = inet.getAddress().getHostAddress();
			return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
		}
		return String.valueOf(address);
	}

	/**
	 * Every server, by name.
	 *
	 * @param servers the servers
	 */
	public record SocketServersDescriptor(Map<String, ServerDescriptor> servers) implements OperationResponseBody {

	}

	/**
	 * One server: where it listens, its settings and its live figures.
	 *
	 * @param name the server's name
	 * @param state where the server is in its life
	 * @param transport the transport serving its sockets
	 * @param address the bound address, or the configured one when not bound, {@code null} for all interfaces
	 * @param port the bound port, or the configured one when not bound
	 * @param codec the codec, as it describes itself
	 * @param startedAt when the server last started, {@code null} if it is not running
	 * @param uptime how long it has been running, ISO-8601, {@code null} if it is not running
	 * @param settings a summary of its settings
	 * @param figures its live figures
	 */
	public record ServerDescriptor(String name, ServerState state, Transport transport, @Nullable String address,
			int port, String codec, @Nullable Instant startedAt, @Nullable String uptime, SettingsDescriptor settings,
			FiguresDescriptor figures) {

	}

	/**
	 * Summary of a server's settings.
	 *
	 * @param maxConnections the most connections open at once, 0 for no limit
	 * @param maxConnectionsPerAddress the most connections from one IP address, 0 for no limit
	 * @param maxPendingOutboundBytes the most bytes waiting to be written to one connection
	 * @param slowConsumerPolicy what happens to messages sent beyond that
	 * @param unwritableTimeout how long a connection may stay unwritable, ISO-8601
	 * @param handlerErrorPolicy what happens to a connection whose handler threw
	 * @param shutdownGracePeriod how long a graceful shutdown waits, ISO-8601
	 * @param socketOptions the TCP options
	 * @param handlerTiming whether handler invocations are timed
	 */
	public record SettingsDescriptor(int maxConnections, int maxConnectionsPerAddress, long maxPendingOutboundBytes,
			SlowConsumerPolicy slowConsumerPolicy, String unwritableTimeout, HandlerErrorPolicy handlerErrorPolicy,
			String shutdownGracePeriod, SocketOptions socketOptions, boolean handlerTiming) {

	}

	/**
	 * Live figures of a server since it was created.
	 *
	 * @param connections open connections
	 * @param opened connections opened
	 * @param closed connections closed, by close reason tag, reasons that never happened left out
	 * @param rejected connections refused at accept time, by reason tag, reasons that never happened left out
	 * @param bytesReceived bytes received
	 * @param bytesSent bytes sent
	 * @param messagesReceived messages received
	 * @param messagesSent messages sent
	 * @param decodeErrors inputs that could not be decoded or were too large
	 * @param handlerErrors exceptions thrown by the handler
	 * @param droppedMessages messages dropped by the slow-consumer policy
	 * @param pendingOutboundBytes bytes waiting to be written now
	 * @param unwritableConnections connections not writable now
	 */
	public record FiguresDescriptor(int connections, long opened, Map<String, Long> closed,
			Map<String, Long> rejected, long bytesReceived, long bytesSent, long messagesReceived, long messagesSent,
			long decodeErrors, long handlerErrors, long droppedMessages, long pendingOutboundBytes,
			long unwritableConnections) {

	}

	/**
	 * A page of a server's open connections.
	 *
	 * @param server the server's name
	 * @param total the number of open connections
	 * @param offset how many connections were skipped
	 * @param limit the most connections of the page
	 * @param connections the connections of the page
	 */
	public record ConnectionsDescriptor(String server, int total, int offset, int limit,
			List<ConnectionDescriptor> connections) implements OperationResponseBody {

	}

	/**
	 * One connection, without its attribute values.
	 *
	 * @param id the connection's id
	 * @param server the server's name
	 * @param remoteAddress the peer's address
	 * @param localAddress the server's address of the connection
	 * @param identity the bound identity, {@code null} if none
	 * @param groups the groups the connection is a member of
	 * @param openedAt when the connection was accepted
	 * @param lastReadAt when bytes were last received
	 * @param lastWriteAt when bytes were last written
	 * @param bytesReceived bytes received
	 * @param bytesSent bytes sent
	 * @param messagesReceived messages received
	 * @param messagesSent messages sent
	 * @param pendingOutboundBytes bytes waiting to be written
	 * @param writable whether the connection accepts more outbound bytes without queueing
	 * @param open whether the connection is open
	 * @param closeReason why it closed, as a metric tag, {@code null} while open
	 */
	public record ConnectionDescriptor(String id, String server, String remoteAddress, String localAddress,
			@Nullable String identity, List<String> groups, Instant openedAt, Instant lastReadAt,
			Instant lastWriteAt, long bytesReceived, long bytesSent, long messagesReceived, long messagesSent,
			long pendingOutboundBytes, boolean writable, boolean open,
			@Nullable String closeReason) implements OperationResponseBody {

	}

}
