package dev.socketserver.demo;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.test.autoconfigure.SocketServerTest;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's {@code line-echo} server alone, in the socket server slice: on a free port, with its handler and
 * none of the demo's other servers, controllers, Actuator or web server. The README's testing example.
 */
@SocketServerTest(servers = "line-echo")
class LineEchoServerTests {

	@Autowired
	SocketTestClients clients;

	@Test
	void echoesEveryLine() {
		SocketTestClient client = this.clients.connect("line-echo");
		client.send("hello").expect("hello");
		client.send("PING").expect("PING");
		assertThat(client.serverConnection()).isOpen().hasNoIdentity();
	}

	@Test
	void closesAClientThatSendsALineOverTheLimit() {
		SocketTestClient client = this.clients.connect("line-echo");
		client.sendRaw("x".repeat(2 * 1024 * 1024) + "\n");
		client.expectClosed(CloseReason.FRAME_TOO_LARGE);
	}

	@Test
	void loadsTheSocketServerAndNothingElse(ApplicationContext context) {
		assertThat(context.getBeanNamesForType(LineEchoHandler.class)).hasSize(1);
		assertThat(context.getBeanNamesForType(OpenActuatorWarning.class)).isEmpty();
		assertThat(context.containsBean("chatSocketServer")).isFalse();
		assertThat(context.containsBean("respCodec")).isFalse();
		assertThat(context.containsBean("socketServersHealthIndicator")).isFalse();
	}

}
