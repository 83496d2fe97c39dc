package dev.socketserver.test.sample;

import java.time.Duration;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.server.SocketServers;
import dev.socketserver.test.autoconfigure.LocalSocketServerPort;
import dev.socketserver.test.autoconfigure.SocketServerTest;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application's servers in the socket server slice: real sockets on free ports, only the socket
 * components of the application.
 */
@SocketServerTest
class SampleSocketServerTests {

	@Autowired
	SocketTestClients clients;

	@Autowired
	SocketServers servers;

	@LocalSocketServerPort("lines")
	int linesPort;

	@Test
	void everyServerRunsOnAFreePortThatIsPublished(@LocalSocketServerPort("frames") int framesPort) {
		assertThat(this.linesPort).isEqualTo(this.servers.get("lines").port()).isNotEqualTo(7101);
		assertThat(framesPort).isEqualTo(this.servers.get("frames").port()).isNotEqualTo(7102);
	}

	@Test
	void theControllerAnswersCommands() {
		SocketTestClient client = this.clients.connect("lines");
		client.send("ECHO hello").expect("hello");
		assertThat(client.request("DANCE")).isEqualTo("ERR unknown command DANCE");
		client.expectNoMessage(Duration.ofMillis(50));
	}

	@Test
	void theHandlerBindsTheIdentityAndJoinsTheGroup() {
		SocketTestClient client = this.clients.connect("lines");
		assertThat(client.serverConnection()).isOpen().hasNoIdentity().isNotMemberOf("lobby");
		client.send("LOGIN alice").expect("WELCOME alice");
		client.send("JOIN lobby").expect("JOINED lobby");
		assertThat(client.serverConnection()).isOpen().hasIdentity("alice").isMemberOf("lobby").isNotMemberOf("bar");
	}

	@Test
	void aLineLongerThanTheLimitClosesTheConnection() {
		SocketTestClient client = this.clients.connect("lines");
		client.sendRaw("ECHO " + "x".repeat(100) + "\n");
		client.expectClosed(CloseReason.FRAME_TOO_LARGE);
		assertThat(client.serverConnection()).isClosedWith(CloseReason.FRAME_TOO_LARGE);
	}

	@Test
	void framesAreEchoedByTheHandler() {
		SocketTestClient client = this.clients.connect("frames");
		client.send(new byte[] { 0, 1, 2, (byte) 0xff }).expect(new byte[] { 0, 1, 2, (byte) 0xff });
		client.sendRaw(new byte[] { 0, 0, 4, 1 });
		client.expectClosed(CloseReason.FRAME_TOO_LARGE);
	}

	@Test
	void onlyTheSocketComponentsOfTheApplicationAreLoaded(ApplicationContext context) {
		assertThat(context.getBeanNamesForType(LineController.class)).hasSize(1);
		assertThat(context.getBeanNamesForType(FrameEchoHandler.class)).hasSize(1);
		assertThat(context.getBeanNamesForType(GreetingService.class)).isEmpty();
		assertThat(context.containsBean("socketServersHealthIndicator")).isFalse();
	}

}
