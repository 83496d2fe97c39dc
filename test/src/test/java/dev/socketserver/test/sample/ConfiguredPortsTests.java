package dev.socketserver.test.sample;

import dev.socketserver.server.SocketServers;
import dev.socketserver.test.autoconfigure.SocketServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without random ports, the servers bind the ports of their properties, here chosen by the test.
 */
@SocketServerTest(randomPorts = false, properties = "socket.servers.frames.port=0", servers = "frames")
class ConfiguredPortsTests {

	@Autowired
	SocketServers servers;

	@Test
	void theConfiguredPortIsBound(ApplicationContext context) {
		assertThat(context.getEnvironment().getProperty("socket.test.random-ports")).isEqualTo("false");
		assertThat(context.containsBean("socketServerRandomPortsCustomizer")).isFalse();
		assertThat(this.servers.get("frames").config().port()).isZero();
		assertThat(this.servers.get("frames").port()).isPositive();
	}

}
