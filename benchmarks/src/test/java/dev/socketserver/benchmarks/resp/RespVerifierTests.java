package dev.socketserver.benchmarks.resp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifying pass against a small key-value server written here: a correct one passes every reply, and one
 * whose GET answers a stale value is caught, although redis-benchmark would count its replies as fine.
 */
class RespVerifierTests {

	@Test
	void aCorrectServerPassesEveryReply() throws Exception {
		try (KeyValueServer server = new KeyValueServer(false)) {
			RespVerifier.Result result = RespVerifier.verify(server.address(), 25);
			assertThat(result.errors()).as(result.firstError()).isZero();
			assertThat(result.commands()).isEqualTo(4 * 25 * 16);
		}
	}

	@Test
	void aServerThatAnswersGetWithAnotherValueIsCaught() throws Exception {
		try (KeyValueServer server = new KeyValueServer(true)) {
			RespVerifier.Result result = RespVerifier.verify(server.address(), 3);
			assertThat(result.errors()).isPositive();
			assertThat(result.firstError()).startsWith("expected '$").contains("but got");
		}
	}

	/**
	 * Inline and multi-bulk commands, one thread per connection; {@code stale} answers every GET with the
	 * first value the key ever had.
	 */
	private static final class KeyValueServer implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final Map<String, String> values = new ConcurrentHashMap<>();

		private final boolean stale;

		private final List<Socket> accepted = new ArrayList<>();

		KeyValueServer(boolean stale) throws IOException {
			this.stale = stale;
			Thread acceptor = new Thread(this::accept, "kv-acceptor");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		InetSocketAddress address() {
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.socket.getLocalPort());
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					synchronized (this.accepted) {
						this.accepted.add(connection);
					}
					Thread serving = new Thread(() -> serve(connection), "kv-connection");
					serving.setDaemon(true);
					serving.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket connection) {
			try (connection) {
				BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
						StandardCharsets.US_ASCII));
				OutputStream out = connection.getOutputStream();
				String line;
				while ((line = in.readLine()) != null) {
					List<String> words = new ArrayList<>();
					if (line.startsWith("*")) {
						int count = Integer.parseInt(line.substring(1));
						for (int i = 0; i < count; i++) {
							in.readLine();
							words.add(in.readLine());
						}
					}
					else {
						words.addAll(List.of(line.split(" ")));
					}
					out.write(reply(words).getBytes(StandardCharsets.US_ASCII));
				}
			}
			catch (IOException ex) {
				// The verifier closed its connection.
			}
		}

		private String reply(List<String> words) {
			switch (words.get(0).toUpperCase()) {
				case "PING":
					return "+PONG\r\n";
				case "SET":
					if (this.stale) {
						this.values.putIfAbsent(words.get(1), words.get(2));
					}
					else {
						this.values.put(words.get(1), words.get(2));
					}
					return "+OK\r\n";
				case "GET":
					String value = this.values.get(words.get(1));
					return (value != null) ? "$" + value.length() + "\r\n" + value + "\r\n" : "$-1\r\n";
				default:
					return "-ERR unknown command\r\n";
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			synchronized (this.accepted) {
				for (Socket connection : this.accepted) {
					connection.close();
				}
			}
		}

	}

}
