package dev.socketserver.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NettySocketServerTests {

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private static SocketServerConfig.Builder lineEcho(String name) {
		return SocketServerConfig.builder(name)
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, message) -> connection.offer(message));
	}

	@Test
	void portZeroBindsAFreePortThatIsReported() {
		SocketServer server = new NettySocketServer(lineEcho("zero").port(0).build(), fixture.eventLoops());
		assertThat(server.port()).isEqualTo(-1);
		server.start();
		try {
			assertThat(server.port()).isPositive();
			assertThat(server.state()).isEqualTo(ServerState.RUNNING);
		}
		finally {
			server.stop();
		}
		assertThat(server.state()).isEqualTo(ServerState.STOPPED);
		assertThat(server.port()).isEqualTo(-1);
	}

	@Test
	void portInUseFailsWithAMessageNamingServerAndPort() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			SocketServer server = new NettySocketServer(lineEcho("busy").port(taken.getLocalPort()).build(),
					fixture.eventLoops());
			assertThatExceptionOfType(PortInUseException.class).isThrownBy(server::start)
				.withMessage("Socket server 'busy' could not start: port " + taken.getLocalPort()
						+ " is already in use")
				.satisfies((ex) -> assertThat(ex.getServerName()).isEqualTo("busy"));
			assertThat(server.state()).isEqualTo(ServerState.FAILED);
		}
	}

	@Test
	void peerThatHalfClosesStillReceivesItsReplies() throws Exception {
		SocketServer server = new NettySocketServer(lineEcho("half").port(0).build(), fixture.eventLoops());
		server.start();
		try (TestClient client = new TestClient(server.port())) {
			client.write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
			client.socket().shutdownOutput();
			assertThat(client.readLine()).isEqualTo("one");
			assertThat(client.readLine()).isEqualTo("two");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		finally {
			server.stop();
		}
	}

	@Test
	void configRejectsBadValuesWithTheNameOfTheSetting() {
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> lineEcho("x").port(70000)))
			.hasMessageContaining("'port'");
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> lineEcho("x")
				.limits((limits) -> limits.withMaxConnections(-1))))
			.hasMessageContaining("'maxConnections'");
		assertThat(org.assertj.core.api.Assertions
			.catchThrowable(() -> SocketServerConfig.builder("x").handler((c, m) -> {
			}).build())).hasMessageContaining("has no codec");
	}

}
