package dev.socketserver.test.sample;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.test.autoconfigure.SocketServerTest;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;

/**
 * The clients of {@link SocketTestClients} do not outlive the test that made them.
 */
@SocketServerTest(randomPorts = false,
		properties = { "socket.servers.lines.port=0", "socket.servers.frames.port=0" })
@TestMethodOrder(OrderAnnotation.class)
class ClientsClosedAfterEachTestTests {

	private static Connection previous;

	@Autowired
	SocketTestClients clients;

	@Test
	@Order(1)
	void aTestConnects() {
		previous = this.clients.connect("lines").send("ECHO still open").expect("still open").serverConnection();
		assertThat(previous).isOpen();
	}

	@Test
	@Order(2)
	void theNextFindsItsClientClosed() {
		assertThat(previous).isClosedWith(CloseReason.PEER_CLOSED);
	}

}
