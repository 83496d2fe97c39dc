package dev.socketserver.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * Blocking client of a line-framed server on the loopback interface, for tests.
 */
public final class LineClient implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private LineClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Connects to a port of the loopback interface, with reads timing out after five seconds.
	 * @param port the port
	 * @return the client
	 * @throws IOException if it cannot connect
	 */
	public static LineClient connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(5000);
		return new LineClient(socket);
	}

	/**
	 * Sends a line and reads the line answered.
	 * @param line the line, without its end
	 * @return the answer, without its end
	 * @throws IOException on failure
	 */
	public String exchange(String line) throws IOException {
		send(line);
		return this.in.readLine();
	}

	/**
	 * Sends a line.
	 * @param line the line, without its end
	 * @throws IOException on failure
	 */
	public void send(String line) throws IOException {
		OutputStream out = this.socket.getOutputStream();
		out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/**
	 * Reads the next line.
	 * @return the line, without its end, or {@code null} at the end of the stream
	 * @throws IOException on failure or after five seconds without one
	 */
	public String read() throws IOException {
		return this.in.readLine();
	}

	/**
	 * Returns whether the server closed the connection: the end of the stream, or a reset.
	 * @return whether it is closed
	 * @throws IOException on a timeout
	 */
	public boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() == -1;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	/**
	 * Returns the client's port, which the server sees as the connection's remote port.
	 * @return the local port
	 */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
