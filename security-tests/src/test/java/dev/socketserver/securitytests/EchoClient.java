package dev.socketserver.securitytests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import dev.socketserver.connection.Connection;
import dev.socketserver.server.SocketServer;

/**
 * Blocking client of the line echo server, which finds its own connection on the server.
 */
final class EchoClient implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private EchoClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Connects, with reads timing out after five seconds, and exchanges a line so that the server has registered
	 * the connection.
	 */
	static EchoClient connect(SocketServer server) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
		socket.setSoTimeout(5000);
		EchoClient client = new EchoClient(socket);
		if (!"hello".equals(client.echo("hello"))) {
			client.close();
			throw new IllegalStateException("Echo server did not answer");
		}
		return client;
	}

	String echo(String line) throws IOException {
		this.socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.socket.getOutputStream().flush();
		return this.in.readLine();
	}

	boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() == -1;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	/**
	 * Returns the id of this client's connection on the server.
	 */
	String connectionId(SocketServer server) {
		return server.connections()
			.stream()
			.filter((connection) -> remotePort(connection) == this.socket.getLocalPort())
			.findFirst()
			.map(Connection::id)
			.orElseThrow();
	}

	private static int remotePort(Connection connection) {
		return ((InetSocketAddress) connection.remoteAddress()).getPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
