package dev.socketserver.test.assertj;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socketserver.ServerFixture;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each assertion on a connection passes when the connection is what it says, and fails saying what it is
 * instead.
 */
class ConnectionAssertTests {

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	@Test
	void identityAndGroupsAreChecked() {
		try (SocketTestClient client = SocketTestClient.connect(server())) {
			client.send("alice lobby").expect("ok");
			Connection connection = client.serverConnection();
			assertThat(connection).isOpen().hasIdentity("alice").isMemberOf("lobby").isNotMemberOf("kitchen");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(connection).hasIdentity("bob"))
				.withMessageContaining("to have identity \"bob\", but it has \"alice\"");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).hasNoIdentity())
				.withMessageContaining("to have no identity, but it has \"alice\"");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(connection).isMemberOf("lobby", "kitchen"))
				.withMessageContaining("to be a member of [lobby, kitchen], but it is not of [kitchen]; its groups: "
						+ "[lobby]");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(connection).isNotMemberOf("lobby"))
				.withMessageContaining("not to be a member of \"lobby\"");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).hasPrincipal("x"))
				.withMessageContaining("to have authenticated as \"x\", but it has no principal");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(connection).within(Duration.ofMillis(100)).isClosed())
				.withMessageContaining("to be closed within PT0.1S, but it is still open")
				.withMessageContaining("of socket server 'groups' (from /127.0.0.1:");
		}
	}

	@Test
	void aCloseIsAwaitedAndItsReasonChecked() {
		try (SocketTestClient client = SocketTestClient.connect(server())) {
			Connection connection = client.serverConnection();
			assertThat(connection).hasNoIdentity();
			client.close();
			assertThat(connection).isClosed().isClosedWith(CloseReason.PEER_CLOSED);
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).isOpen())
				.withMessageEndingWith("to be open, but it was closed with peer closed");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(connection).isClosedWith(CloseReason.IDLE_TIMEOUT))
				.withMessageEndingWith("to be closed with IDLE_TIMEOUT (idle timeout), but it was closed with "
						+ "PEER_CLOSED (peer closed)");
		}
	}

	/**
	 * A server whose handler binds the first word of a line as the identity and joins the second as a group.
	 */
	private static SocketServer server() {
		return fixture.start(SocketServerConfig.builder("groups")
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, line) -> {
				String[] words = ((String) line).split(" ");
				connection.bindIdentity(words[0]);
				connection.join(words[1]);
				connection.offer("ok");
			}));
	}

}
