package dev.socketserver.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.jspecify.annotations.Nullable;

/**
 * What the client tests share: line codecs, a line echo server, a handler that keeps what it sees, and clients
 * that are stopped after each test.
 */
final class ClientTestSupport {

	private final List<SocketClient> clients = new CopyOnWriteArrayList<>();

	static MessageCodec<String> lines() {
		return MessageCodec.of(new LineFraming(1024, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8));
	}

	static SocketServerConfig.Builder lineServer(String name, int port, SocketHandler<String> handler) {
		return SocketServerConfig.builder(name)
			.address(InetAddress.getLoopbackAddress())
			.port(port)
			.codec(lines())
			.handler(handler);
	}

	static SocketServerConfig.Builder lineEchoServer(String name) {
		return lineServer(name, 0, (connection, line) -> connection.offer(line));
	}

	static SocketClientConfig.Builder lineClient(String name, int port) {
		return SocketClientConfig.builder(name).endpoint("127.0.0.1", port).codec(lines());
	}

	/**
	 * Returns a port that nothing listens on: bound by the system, then released.
	 */
	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static InetSocketAddress loopback(int port) {
		return InetSocketAddress.createUnresolved("127.0.0.1", port);
	}

	SocketClient start(SocketClientConfig.Builder config, EventLoops eventLoops) {
		return start(config, eventLoops, null);
	}

	SocketClient start(SocketClientConfig.Builder config, EventLoops eventLoops,
			@Nullable ClientStateListener listener) {
		SocketClient client = new NettySocketClient(config.build(), eventLoops);
		this.clients.add(client);
		if (listener != null) {
			client.addListener(listener);
		}
		client.start();
		return client;
	}

	void stopClients() {
		this.clients.forEach(SocketClient::stop);
		this.clients.clear();
	}

	/**
	 * A handler that keeps the messages, opens and closes it sees.
	 */
	static final class Recording implements SocketHandler<String> {

		final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		final List<Connection> opened = new CopyOnWriteArrayList<>();

		final List<CloseReason> closed = new CopyOnWriteArrayList<>();

		@Override
		public void onOpen(Connection connection) {
			this.opened.add(connection);
		}

		@Override
		public void onMessage(Connection connection, String message) {
			this.messages.add(message);
		}

		@Override
		public void onClose(Connection connection, CloseReason reason) {
			this.closed.add(reason);
		}

	}

	/**
	 * A listener that keeps the states and delays it is told of.
	 */
	static final class StateRecorder implements ClientStateListener {

		final List<ClientState> states = new CopyOnWriteArrayList<>();

		final List<Long> delaysMillis = new CopyOnWriteArrayList<>();

		final List<InetSocketAddress> endpoints = new CopyOnWriteArrayList<>();

		@Override
		public void stateChanged(SocketClient client, ClientState previous, ClientState current) {
			this.states.add(current);
		}

		@Override
		public void reconnectScheduled(SocketClient client, InetSocketAddress endpoint, Duration delay,
				Throwable cause) {
			this.delaysMillis.add(delay.toMillis());
			this.endpoints.add(endpoint);
		}

		List<ClientState> states() {
			return new ArrayList<>(this.states);
		}

	}

}
