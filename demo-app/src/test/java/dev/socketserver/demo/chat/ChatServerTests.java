package dev.socketserver.demo.chat;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.demo.DemoTest;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DemoTest
class ChatServerTests {

	@Autowired
	SocketTestClients clients;

	@Autowired
	@Qualifier("chat")
	ConnectionManager connections;

	@Test
	void usersChatInARoomAndPrivately() {
		SocketTestClient alice = join();
		SocketTestClient bob = join();
		alice.send("/nick alice").expect("* you are now alice");
		alice.send("/join lobby").expect("* you joined #lobby (1 here)");
		bob.send("/nick bob").expect("* you are now bob");
		bob.send("/join lobby").expect("* you joined #lobby (2 here)");
		alice.expect("* bob joined #lobby");
		assertThat(alice.serverConnection()).hasIdentity("alice").isMemberOf("lobby");
		alice.send("hello bob");
		bob.expect("[#lobby] alice: hello bob");
		bob.send("/who").expect("* in #lobby: alice, bob");
		bob.send("/msg alice psst");
		alice.expect("[private] bob: psst");
		bob.send("/msg carol hi").expect("* nobody is called carol");
		alice.send("/quit").expect("* bye");
		alice.expectClosed(CloseReason.CLOSED_BY_APPLICATION);
		bob.expect("* alice left #lobby");
		bob.close();
		await().until(() -> this.connections.count() == 0);
		assertThat(this.connections.groups()).isEmpty();
		assertThat(this.connections.identities()).isEmpty();
	}

	@Test
	void speakingNeedsANicknameAndARoom() {
		SocketTestClient carol = join();
		carol.send("anyone?").expect("* choose a nickname first: /nick <name>");
		carol.send("/nick carol").expectNext();
		carol.send("anyone?").expect("* join a room first: /join <room>");
		assertThat((String) carol.request("/dance")).startsWith("* unknown command /dance");
		assertThat(carol.serverConnection()).hasIdentity("carol").isNotMemberOf("lobby");
	}

	/**
	 * Connects and takes the greeting.
	 */
	private SocketTestClient join() {
		return this.clients.connect("chat").expect("* welcome to the chat").expect(ChatHandler.HELP);
	}

}
