package dev.socketserver.test.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;

/**
 * Makes {@link SocketTestClient}s of the servers of an application, by server name, and closes them all at once.
 * The {@code @SocketServerTest} slice and {@code @AutoConfigureSocketServer} provide one as a bean, which closes
 * its clients after each test method and when the context closes.
 *
 * @since 0.1.0
 */
public final class SocketTestClients implements AutoCloseable {

	private final SocketServers servers;

	private final List<SocketTestClient> clients = new ArrayList<>();

	/**
	 * Creates the clients' factory for the given servers.
	 * @param servers the servers of the application
	 */
	public SocketTestClients(SocketServers servers) {
		this.servers = Objects.requireNonNull(servers, "'servers' must not be null");
	}

	/**
	 * Connects a client to a server with the server's codec, as {@link SocketTestClient#connect(SocketServer)}
	 * does.
	 * @param serverName the server's name under {@code socket.servers}
	 * @return the connected client
	 */
	public SocketTestClient connect(String serverName) {
		return builder(serverName).connect();
	}

	/**
	 * Starts building a client of a server, for another codec, TLS context or timeout; the client it connects
	 * is closed with the others.
	 * @param serverName the server's name under {@code socket.servers}
	 * @return the builder
	 */
	public SocketTestClient.Builder builder(String serverName) {
		return SocketTestClient.builder(this.servers.get(serverName)).onConnect(this::track);
	}

	/**
	 * Closes every client made so far.
	 */
	public void closeAll() {
		List<SocketTestClient> made;
		synchronized (this.clients) {
			made = new ArrayList<>(this.clients);
			this.clients.clear();
		}
		made.forEach(SocketTestClient::close);
	}

	/**
	 * Closes every client made so far, as {@link #closeAll()}.
	 */
	@Override
	public void close() {
		closeAll();
	}

	private void track(SocketTestClient client) {
		synchronized (this.clients) {
			this.clients.add(client);
		}
	}

}
