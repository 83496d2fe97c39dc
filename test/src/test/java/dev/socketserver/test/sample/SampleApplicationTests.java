package dev.socketserver.test.sample;

import dev.socketserver.server.SocketServer;
import dev.socketserver.test.autoconfigure.AutoConfigureSocketServer;
import dev.socketserver.test.autoconfigure.LocalSocketServerPort;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sample application, with the test support of {@link AutoConfigureSocketServer}: free ports, their
 * properties and the test clients.
 */
@SpringBootTest
@AutoConfigureSocketServer
class SampleApplicationTests {

	@Autowired
	SocketTestClients clients;

	@Autowired
	@Qualifier("lines")
	SocketServer lines;

	@LocalSocketServerPort("lines")
	int linesPort;

	@Test
	void theServersRunOnFreePorts() {
		assertThat(this.linesPort).isEqualTo(this.lines.port()).isNotEqualTo(7101);
	}

	@Test
	void theWholeApplicationIsLoaded(ApplicationContext context) {
		assertThat(context.getBean(GreetingService.class).greet("Bob")).isEqualTo("Hello, Bob");
		assertThat(context.getBeanNamesForType(LineController.class)).hasSize(1);
	}

	@Test
	void aClientTalksToTheControllerAndItsConnectionIsFound() {
		SocketTestClient client = this.clients.connect("lines");
		assertThat(client.request("LOGIN bob")).isEqualTo("WELCOME bob");
		assertThat(client.serverConnection()).hasIdentity("bob");
		assertThat(this.lines.connections().connectionsOf("bob")).containsExactly(client.serverConnection());
	}

}
