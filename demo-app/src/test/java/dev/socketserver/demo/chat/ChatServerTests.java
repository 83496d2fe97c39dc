package dev.socketserver.demo.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.demo.DemoTest;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DemoTest
class ChatServerTests {

	@Autowired
	@Qualifier("chat")
	SocketServer chat;

	@Autowired
	@Qualifier("chat")
	ConnectionManager connections;

	@Test
	void usersChatInARoomAndPrivately() throws IOException {
		try (ChatClient alice = new ChatClient(this.chat.port()); ChatClient bob = new ChatClient(this.chat.port())) {
			alice.skipGreeting();
			bob.skipGreeting();
			alice.send("/nick alice");
			assertThat(alice.read()).isEqualTo("* you are now alice");
			alice.send("/join lobby");
			assertThat(alice.read()).isEqualTo("* you joined #lobby (1 here)");
			bob.send("/nick bob");
			assertThat(bob.read()).isEqualTo("* you are now bob");
			bob.send("/join lobby");
			assertThat(bob.read()).isEqualTo("* you joined #lobby (2 here)");
			assertThat(alice.read()).isEqualTo("* bob joined #lobby");
			alice.send("hello bob");
			assertThat(bob.read()).isEqualTo("[#lobby] alice: hello bob");
			bob.send("/who");
			assertThat(bob.read()).isEqualTo("* in #lobby: alice, bob");
			bob.send("/msg alice psst");
			assertThat(alice.read()).isEqualTo("[private] bob: psst");
			bob.send("/msg carol hi");
			assertThat(bob.read()).isEqualTo("* nobody is called carol");
			alice.send("/quit");
			assertThat(alice.read()).isEqualTo("* bye");
			assertThat(bob.read()).isEqualTo("* alice left #lobby");
		}
		await().until(() -> this.connections.count() == 0);
		assertThat(this.connections.groups()).isEmpty();
		assertThat(this.connections.identities()).isEmpty();
	}

	@Test
	void speakingNeedsANicknameAndARoom() throws IOException {
		try (ChatClient carol = new ChatClient(this.chat.port())) {
			carol.skipGreeting();
			carol.send("anyone?");
			assertThat(carol.read()).isEqualTo("* choose a nickname first: /nick <name>");
			carol.send("/nick carol");
			carol.read();
			carol.send("anyone?");
			assertThat(carol.read()).isEqualTo("* join a room first: /join <room>");
			carol.send("/dance");
			assertThat(carol.read()).startsWith("* unknown command /dance");
		}
	}

	private static final class ChatClient implements AutoCloseable {

		private final Socket socket;

		private final BufferedReader in;

		private final OutputStream out;

		ChatClient(int port) throws IOException {
			this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
			this.socket.setSoTimeout(5000);
			this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			this.out = this.socket.getOutputStream();
		}

		void skipGreeting() throws IOException {
			assertThat(read()).isEqualTo("* welcome to the chat");
			assertThat(read()).isEqualTo(ChatHandler.HELP);
		}

		void send(String line) throws IOException {
			this.out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		}

		String read() throws IOException {
			return this.in.readLine();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
