package dev.socketserver.transport;

import java.nio.charset.StandardCharsets;

import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TransportTests {

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void autoPicksANativeTransportOnLinux() {
		assertThat(Transport.AUTO.resolve()).isIn(Transport.IO_URING, Transport.EPOLL);
		assertThat(Transport.EPOLL.isAvailable()).isTrue();
	}

	@Test
	void forcedNioServesConnections() throws Exception {
		assertEchoes(Transport.NIO);
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void forcedEpollServesConnections() throws Exception {
		assertEchoes(Transport.EPOLL);
	}

	@Test
	void forcedTransportThatIsMissingFailsWithAClearMessage() {
		assertThatIllegalStateException().isThrownBy(() -> EventLoops.builder().transport(Transport.KQUEUE).build())
			.withMessageContaining("Transport KQUEUE is not available")
			.withMessageContaining("netty-transport-native-kqueue");
	}

	private void assertEchoes(Transport transport) throws Exception {
		try (EventLoops loops = EventLoops.builder().transport(transport).workerThreads(1).build()) {
			SocketServer server = new NettySocketServer(SocketServerConfig.builder("echo")
				.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.handler((connection, message) -> connection.offer(message))
				.build(), loops);
			server.start();
			try (TestClient client = new TestClient(server.port())) {
				assertThat(server.transport()).isEqualTo(transport);
				client.writeLine("over " + transport);
				assertThat(client.readLine()).isEqualTo("over " + transport);
			}
			finally {
				server.stop();
			}
		}
	}

}
