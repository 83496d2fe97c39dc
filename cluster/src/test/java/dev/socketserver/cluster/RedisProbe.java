package dev.socketserver.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Asks a starting {@link RedisServer} whether it is up, over a plain socket:
 * {@code PING}, then {@code INFO server} for its PID and version.
 */
final class RedisProbe {

	private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(1).toMillis();

	private final InputStream in;

	private RedisProbe(InputStream in) {
		this.in = in;
	}

	/**
	 * Returns the version of the server on the loopback port when it answers PING and is
	 * the given process.
	 * @return its version, or {@code null} when nothing answers yet or another process
	 * does
	 */
	static @Nullable String version(int port, long pid) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.getOutputStream().write("PING\r\nINFO server\r\n".getBytes(StandardCharsets.US_ASCII));
			RedisProbe reply = new RedisProbe(socket.getInputStream());
			if (!"+PONG".equals(reply.line())) {
				return null;
			}
			String info = reply.bulk();
			if (!info.contains("\r\nprocess_id:" + pid + "\r\n")) {
				return null;
			}
			return field(info, "redis_version");
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String field(String info, String name) {
		for (String line : info.split("\r\n")) {
			if (line.startsWith(name + ":")) {
				return line.substring(name.length() + 1);
			}
		}
		return "unknown";
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		int previous = -1;
		while (true) {
			int next = this.in.read();
			if (next == -1) {
				throw new IOException("Connection closed after '" + line + "'");
			}
			if (previous == '\r' && next == '\n') {
				line.setLength(line.length() - 1);
				return line.toString();
			}
			line.append((char) next);
			previous = next;
		}
	}

	private String bulk() throws IOException {
		String header = line();
		if (!header.startsWith("$")) {
			throw new IOException("Expected a bulk string, got '" + header + "'");
		}
		byte[] body = this.in.readNBytes(Integer.parseInt(header.substring(1)) + 2);
		return new String(body, StandardCharsets.UTF_8);
	}

}
