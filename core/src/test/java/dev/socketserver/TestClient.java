package dev.socketserver;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Blocking client for tests: plain {@link Socket}, nothing of ours, with a read timeout so no test hangs.
 */
public final class TestClient implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	public TestClient(int port) throws IOException {
		this(new InetSocketAddress("127.0.0.1", port), null);
	}

	/**
	 * Connects from a chosen local address, such as 127.0.0.2 (any 127/8 address is local on Linux) or ::1.
	 */
	public TestClient(InetSocketAddress server, java.net.@org.jspecify.annotations.Nullable InetAddress from)
			throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(5000);
		if (from != null) {
			this.socket.bind(new InetSocketAddress(from, 0));
		}
		this.socket.connect(server, 5000);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	/**
	 * Wraps a socket already connected, such as a TLS socket.
	 */
	public TestClient(Socket connected) throws IOException {
		this.socket = connected;
		this.socket.setSoTimeout(5000);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	public Socket socket() {
		return this.socket;
	}

	public void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	public void writeLine(String line) throws IOException {
		write((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	public void writeFrame(byte[] payload) throws IOException {
		write(frame(payload));
	}

	public static byte[] frame(byte[] payload) {
		byte[] frame = new byte[4 + payload.length];
		frame[0] = (byte) (payload.length >>> 24);
		frame[1] = (byte) (payload.length >>> 16);
		frame[2] = (byte) (payload.length >>> 8);
		frame[3] = (byte) payload.length;
		System.arraycopy(payload, 0, frame, 4, payload.length);
		return frame;
	}

	public byte[] readFrame() throws IOException {
		int length = this.in.readInt();
		byte[] payload = new byte[length];
		this.in.readFully(payload);
		return payload;
	}

	public byte[] readExactly(int length) throws IOException {
		byte[] bytes = new byte[length];
		this.in.readFully(bytes);
		return bytes;
	}

	public String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b < 0) {
				throw new EOFException("Closed after " + line);
			}
			bytes.write(b);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Returns whether the server closed the connection: end of stream or reset, within the read timeout.
	 */
	public boolean isClosedByPeer() throws IOException {
		InputStream input = this.socket.getInputStream();
		try {
			while (true) {
				if (input.read() < 0) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
