package dev.socketserver.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application-wide {@link SocketServers} view finds live connections of any server, and closed ones no more.
 */
class SocketServersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.servers.a.port=0", "socket.servers.b.port=0");

	@Test
	void findConnectionFindsALiveConnectionOfAnyServerById() {
		this.contextRunner.run((context) -> {
			SocketServers servers = context.getBean(SocketServers.class);
			SocketServer b = servers.get("b");
			try (Socket client = connect(b.port()); Socket other = connect(servers.get("a").port())) {
				await().until(() -> b.connections().count() == 1 && servers.connectionCount() == 2);
				Connection connection = b.connections().stream().findFirst().orElseThrow();
				assertThat(servers.findConnection(connection.id())).isSameAs(connection);
				assertThat(servers.findConnection("no-such-id")).isNull();
				Connection onA = servers.get("a").connections().stream().findFirst().orElseThrow();
				assertThat(servers.findConnection(onA.id())).isSameAs(onA);
			}
		});
	}

	@Test
	void findConnectionDoesNotFindAConnectionOnceItClosed() {
		this.contextRunner.run((context) -> {
			SocketServers servers = context.getBean(SocketServers.class);
			SocketServer a = servers.get("a");
			Connection closedByPeer;
			try (Socket client = connect(a.port())) {
				await().until(() -> a.connections().count() == 1);
				closedByPeer = a.connections().stream().findFirst().orElseThrow();
			}
			await().until(() -> closedByPeer.closeReason() != null && a.connections().count() == 0);
			assertThat(servers.findConnection(closedByPeer.id())).isNull();
			try (Socket client = connect(a.port())) {
				await().until(() -> a.connections().count() == 1);
				Connection closedByServer = a.connections().stream().findFirst().orElseThrow();
				closedByServer.close(CloseReason.CLOSED_BY_APPLICATION);
				assertThat(closedByServer.closeFuture().toCompletableFuture().join())
					.isEqualTo(CloseReason.CLOSED_BY_APPLICATION);
				await().until(() -> servers.findConnection(closedByServer.id()) == null);
				assertThat(closedByServer.isOpen()).isFalse();
			}
		});
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(5000);
		return socket;
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, message) -> connection.offer(message);
		}

	}

}
