package dev.socketserver.server;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * The servers of an application by name: the application-wide view of their connections.
 *
 * @since 0.1.0
 */
public final class SocketServers {

	private final Map<String, SocketServer> servers;

	/**
	 * Creates the view of the given servers.
	 * @param servers the servers; their names must be unique
	 * @throws IllegalArgumentException if two servers have the same name
	 */
	public SocketServers(Collection<? extends SocketServer> servers) {
		Map<String, SocketServer> byName = new LinkedHashMap<>();
		for (SocketServer server : servers) {
			if (byName.putIfAbsent(server.name(), server) != null) {
				throw new IllegalArgumentException("Two socket servers are named '" + server.name() + "'");
			}
		}
		this.servers = Collections.unmodifiableMap(byName);
	}

	/**
	 * Returns the server of the given name.
	 * @param name the server's name
	 * @return the server
	 * @throws NoSuchElementException if there is none
	 */
	public SocketServer get(String name) {
		SocketServer server = this.servers.get(name);
		if (server == null) {
			throw new NoSuchElementException("No socket server named '" + name + "'; servers: "
					+ this.servers.keySet());
		}
		return server;
	}

	/**
	 * Returns the servers in declaration order.
	 * @return the servers
	 */
	public Collection<SocketServer> all() {
		return this.servers.values();
	}

	/**
	 * Returns the names of the servers.
	 * @return the names
	 */
	public Set<String> names() {
		return this.servers.keySet();
	}

	/**
	 * Finds an open connection by id on any server.
	 * @param connectionId the connection id
	 * @return the connection, or {@code null}
	 */
	public @Nullable Connection findConnection(String connectionId) {
		for (SocketServer server : this.servers.values()) {
			Connection connection = server.connections().get(connectionId);
			if (connection != null) {
				return connection;
			}
		}
		return null;
	}

	/**
	 * Returns the open connections bound to an identity on any server.
	 * @param identity the user or device id
	 * @return the connections
	 */
	public Set<Connection> connectionsOf(String identity) {
		return this.servers.values()
			.stream()
			.flatMap((server) -> server.connections().connectionsOf(identity).stream())
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Returns the number of open connections over all servers.
	 * @return the count
	 */
	public int connectionCount() {
		return this.servers.values().stream().mapToInt((server) -> server.connections().count()).sum();
	}

}
