package dev.socketserver.demo.resp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client over a plain socket, written from the protocol description: commands go out as arrays of
 * bulk strings (or raw bytes), replies come back as Java values.
 * <p>
 * Replies: a simple string is a {@link String}, an error an {@link Error}, an integer a {@link Long}, a bulk
 * string a {@code byte[]} ({@code null} for nil), an array a {@link List}.
 */
final class RespClient implements Closeable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	RespClient(int port) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout(5000);
		this.out = this.socket.getOutputStream();
		this.in = new BufferedInputStream(this.socket.getInputStream());
	}

	/**
	 * Sends one command and reads its reply.
	 */
	Object call(Object... args) throws IOException {
		send(args);
		return read();
	}

	/**
	 * Sends one command without reading its reply; each argument is a {@link String} or a {@code byte[]}.
	 */
	void send(Object... args) throws IOException {
		this.out.write(command(args));
		this.out.flush();
	}

	/**
	 * Encodes a command as an array of bulk strings.
	 */
	static byte[] command(Object... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (Object arg : args) {
			byte[] value = (arg instanceof byte[] raw) ? raw : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
			bytes.writeBytes(("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			bytes.writeBytes(value);
			bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		return bytes.toByteArray();
	}

	void sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	void sendRaw(String text) throws IOException {
		sendRaw(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads one reply.
	 * @throws EOFException if the server closed the connection
	 */
	Object read() throws IOException {
		int type = this.in.read();
		if (type < 0) {
			throw new EOFException("Connection closed by the server");
		}
		String line = readLine();
		return switch (type) {
			case '+' -> line;
			case '-' -> new Error(line);
			case ':' -> Long.parseLong(line);
			case '$' -> readBulk(Integer.parseInt(line));
			case '*' -> readArray(Integer.parseInt(line));
			default -> throw new IOException("Unexpected reply type '" + (char) type + "' followed by " + line);
		};
	}

	/**
	 * Returns whether the server has closed the connection: the next read ends the stream (or the connection
	 * was reset) instead of timing out.
	 */
	boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() < 0;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	private byte[] readBulk(int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] value = this.in.readNBytes(length);
		if (value.length != length || this.in.read() != '\r' || this.in.read() != '\n') {
			throw new IOException("Truncated bulk string");
		}
		return value;
	}

	private List<Object> readArray(int length) throws IOException {
		if (length < 0) {
			return null;
		}
		List<Object> items = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			items.add(read());
		}
		return items;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int next = this.in.read();
			if (next < 0) {
				throw new EOFException("Connection closed in the middle of a reply");
			}
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(next);
			previous = next;
		}
	}

	/**
	 * Returns a bulk string reply as text.
	 */
	static String text(Object reply) {
		return new String((byte[]) reply, StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * An error reply.
	 * @param message its text, such as {@code ERR syntax error}
	 */
	record Error(String message) {
	}

}
