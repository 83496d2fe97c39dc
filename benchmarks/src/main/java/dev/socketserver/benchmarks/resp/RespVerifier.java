package dev.socketserver.benchmarks.resp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipelines the commands redis-benchmark's {@code -t ping,set,get} sends (inline and multi-bulk PING, SET, GET)
 * and checks every reply, byte for byte: redis-benchmark counts replies but does not read them, so a server that
 * answered GET with the wrong value, or SET with an error, would still pass it.
 *
 * @since 0.1.0
 */
public final class RespVerifier {

	private static final int CONNECTIONS = 4;

	private static final int PIPELINE = 16;

	private RespVerifier() {
	}

	/**
	 * What a verifying pass found.
	 *
	 * @param commands the commands sent
	 * @param errors the replies that were missing or not what the command must answer
	 * @param firstError the first of them, or an empty string
	 */
	public record Result(long commands, long errors, String firstError) {
	}

	/**
	 * Sends {@code rounds} pipelines of {@value #PIPELINE} commands on each of {@value #CONNECTIONS} connections:
	 * per pipeline an inline PING, a multi-bulk PING, SETs and then GETs of keys of its own with values that differ
	 * by connection, round and position.
	 * @param server the RESP server
	 * @param rounds pipelines per connection
	 * @return what it found
	 */
	public static Result verify(InetSocketAddress server, int rounds) {
		long commands = 0;
		List<String> errors = new ArrayList<>();
		long errorCount = 0;
		for (int connection = 0; connection < CONNECTIONS; connection++) {
			try (Socket socket = new Socket()) {
				socket.connect(server, 5000);
				socket.setSoTimeout(10_000);
				socket.setTcpNoDelay(true);
				OutputStream out = socket.getOutputStream();
				InputStream in = new BufferedInputStream(socket.getInputStream());
				for (int round = 0; round < rounds; round++) {
					List<String> expected = new ArrayList<>(PIPELINE);
					ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
					pipeline.writeBytes("PING\r\n".getBytes(StandardCharsets.US_ASCII));
					expected.add("+PONG");
					pipeline.writeBytes(command("PING"));
					expected.add("+PONG");
					int pairs = (PIPELINE - 2) / 2;
					for (int i = 0; i < pairs; i++) {
						String key = "verify:" + connection + ":" + i;
						String value = "value-" + connection + "-" + round + "-" + i;
						pipeline.writeBytes(command("SET", key, value));
						expected.add("+OK");
					}
					for (int i = 0; i < pairs; i++) {
						String value = "value-" + connection + "-" + round + "-" + i;
						pipeline.writeBytes(command("GET", "verify:" + connection + ":" + i));
						expected.add("$" + value.length() + "\r\n" + value);
					}
					out.write(pipeline.toByteArray());
					out.flush();
					for (String reply : expected) {
						commands++;
						String actual = readReply(in);
						if (!actual.equals(reply)) {
							if (errorCount++ == 0) {
								errors.add("expected " + printable(reply) + " but got " + printable(actual));
							}
						}
					}
				}
			}
			catch (IOException ex) {
				if (errorCount++ == 0) {
					errors.add("connection " + connection + ": " + ex);
				}
			}
		}
		return new Result(commands, errorCount, errors.isEmpty() ? "" : errors.get(0));
	}

	private static byte[] command(String... words) {
		StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			command.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
		}
		return command.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Reads one reply: a status, error or integer line, or a bulk string with its length line.
	 */
	private static String readReply(InputStream in) throws IOException {
		String line = readLine(in);
		if (!line.startsWith("$") || line.equals("$-1")) {
			return line;
		}
		int length = Integer.parseInt(line.substring(1));
		byte[] bulk = in.readNBytes(length + 2);
		if (bulk.length < length + 2) {
			throw new EOFException("Bulk string of " + length + " bytes cut short");
		}
		return line + "\r\n" + new String(bulk, 0, length, StandardCharsets.US_ASCII);
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int previous = -1;
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("Connection closed before a reply ended");
			}
			if (previous == '\r' && b == '\n') {
				line.setLength(line.length() - 1);
				return line.toString();
			}
			line.append((char) b);
			previous = b;
			if (line.length() > 64 * 1024) {
				throw new IOException("Reply line over 64 KiB");
			}
		}
	}

	private static String printable(String reply) {
		return "'" + reply.replace("\r\n", "\\r\\n") + "'";
	}

}
