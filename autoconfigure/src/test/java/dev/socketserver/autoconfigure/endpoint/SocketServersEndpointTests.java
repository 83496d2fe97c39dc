package dev.socketserver.autoconfigure.endpoint;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.socketserver.autoconfigure.LineClient;
import dev.socketserver.autoconfigure.endpoint.SocketServersEndpoint.ConnectionDescriptor;
import dev.socketserver.autoconfigure.endpoint.SocketServersEndpoint.ConnectionsDescriptor;
import dev.socketserver.autoconfigure.endpoint.SocketServersEndpoint.ServerDescriptor;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionAttribute;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.ServerState;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class SocketServersEndpointTests {

	private static final ConnectionAttribute<String> PASSWORD = ConnectionAttribute.named("password");

	private final EventLoops eventLoops = EventLoops.builder().workerThreads(1).build();

	private final NettySocketServer server = new NettySocketServer(SocketServerConfig.builder("chat")
		.address(InetAddress.getLoopbackAddress())
		.limits((limits) -> limits.withMaxConnections(20))
		.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
		.handler((connection, line) -> {
			connection.bindIdentity((String) line);
			connection.join("b-room");
			connection.join("a-room");
			connection.setAttribute(PASSWORD, "hunter2");
			connection.offer(line);
		})
		.build(), this.eventLoops);

	private final SocketServersEndpoint endpoint = new SocketServersEndpoint(List.of(this.server));

	@AfterEach
	void stop() {
		this.server.stop();
		this.eventLoops.close();
	}

	@Test
	void describesServersWithSettingsAndFigures() throws Exception {
		ServerDescriptor notStarted = this.endpoint.servers().servers().get("chat");
		assertThat(notStarted.state()).isEqualTo(ServerState.NEW);
		assertThat(notStarted.startedAt()).isNull();
		this.server.start();
		try (LineClient client = LineClient.connect(this.server.port())) {
			assertThat(client.exchange("alice")).isEqualTo("alice");
			await().untilAsserted(() -> assertThat(this.endpoint.servers().servers().get("chat").figures()
					.messagesSent())
				.isEqualTo(1));
			ServerDescriptor chat = this.endpoint.servers().servers().get("chat");
			assertThat(chat.state()).isEqualTo(ServerState.RUNNING);
			assertThat(chat.port()).isEqualTo(this.server.port());
			assertThat(chat.address()).isEqualTo("127.0.0.1");
			assertThat(chat.uptime()).startsWith("PT");
			assertThat(chat.settings().maxConnections()).isEqualTo(20);
			assertThat(chat.settings().handlerTiming()).isFalse();
			assertThat(chat.figures().connections()).isEqualTo(1);
			assertThat(chat.figures().opened()).isEqualTo(1);
			assertThat(chat.figures().bytesReceived()).isEqualTo(6);
			assertThat(chat.figures().closed()).isEmpty();
		}
	}

	@Test
	void describesConnectionsByPageWithoutAttributeValues() throws Exception {
		this.server.start();
		try (LineClient alice = LineClient.connect(this.server.port());
				LineClient bob = LineClient.connect(this.server.port())) {
			assertThat(alice.exchange("alice")).isEqualTo("alice");
			assertThat(bob.exchange("bob")).isEqualTo("bob");
			ConnectionsDescriptor all = this.endpoint.connections("chat", null, null);
			assertThat(all.total()).isEqualTo(2);
			assertThat(all.limit()).isEqualTo(SocketServersEndpoint.DEFAULT_PAGE_SIZE);
			assertThat(all.connections()).extracting(ConnectionDescriptor::identity)
				.containsExactlyInAnyOrder("alice", "bob");
			ConnectionDescriptor first = all.connections().get(0);
			assertThat(first.groups()).containsExactly("a-room", "b-room");
			assertThat(first.toString()).doesNotContain("hunter2");
			assertThat(this.endpoint.connections("chat", 1, 5).connections()).hasSize(1)
				.doesNotContain(first);
			assertThat(this.endpoint.connections("chat", 2, 5).connections()).isEmpty();
			ConnectionDescriptor one = this.endpoint.connection("chat", first.id());
			assertThat(one.id()).isEqualTo(first.id());
			assertThat(one.open()).isTrue();
			assertThat(one.closeReason()).isNull();
			assertThat(this.endpoint.connection("chat", "nope")).isNull();
			assertThat(this.endpoint.connection("other", first.id())).isNull();
			assertThat(this.endpoint.connections("other", null, null)).isNull();
		}
	}

	@Test
	void refusesInvalidPages() {
		this.server.start();
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.connections("chat", -1, null));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.connections("chat", 0, SocketServersEndpoint.MAX_PAGE_SIZE + 1));
	}

	@Test
	void listsAndClosesTheConnectionsOfAnIdentityWithoutACluster() throws Exception {
		this.server.start();
		try (LineClient alice = LineClient.connect(this.server.port());
				LineClient bob = LineClient.connect(this.server.port())) {
			assertThat(alice.exchange("alice")).isEqualTo("alice");
			assertThat(bob.exchange("bob")).isEqualTo("bob");
			IdentityConnectionsDescriptor found = (IdentityConnectionsDescriptor) this.endpoint.connections("chat",
					null, null, "alice");
			assertThat(found.connections()).singleElement().satisfies((connection) -> {
				assertThat(connection.node()).isNull();
				assertThat(connection.identity()).isEqualTo("alice");
				assertThat(connection.open()).isTrue();
			});
			assertThat(found.errors()).isEmpty();
			SocketServersEndpointWebExtension extension = new SocketServersEndpointWebExtension(this.endpoint);
			WebEndpointResponse<Object> closed = extension.closeIdentity("chat", "alice");
			assertThat(closed.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
			assertThat(((IdentityConnectionsDescriptor) closed.getBody()).connections()).singleElement()
				.satisfies((connection) -> assertThat(connection.closeReason()).isEqualTo("closed-by-admin"));
			assertThat(alice.isClosedByServer()).isTrue();
			assertThat(this.server.connections().connectionsOf("bob")).hasSize(1);
			assertThat(extension.closeIdentity("chat", "alice").getStatus())
				.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
			assertThat(extension.closeIdentity("other", "bob").getStatus())
				.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
			// Without a cluster a node name changes nothing: the connection is looked up here.
			assertThat(extension.closeConnection("chat", "nope", "b").getStatus())
				.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		}
	}

	@Test
	void closesAConnectionAsClosedByAdmin() throws Exception {
		this.server.start();
		try (LineClient client = LineClient.connect(this.server.port())) {
			assertThat(client.exchange("carol")).isEqualTo("carol");
			String id = this.endpoint.connections("chat", null, null).connections().get(0).id();
			ConnectionDescriptor closed = this.endpoint.closeConnection("chat", id);
			assertThat(closed.open()).isFalse();
			assertThat(closed.closeReason()).isEqualTo("closed-by-admin");
			assertThat(client.isClosedByServer()).isTrue();
			await().untilAsserted(() -> assertThat(this.server.connections().stats()
					.closed(CloseReason.CLOSED_BY_ADMIN))
				.isEqualTo(1));
			assertThat(this.endpoint.closeConnection("chat", id)).isNull();
		}
	}

	@Test
	void webExtensionAnswersNotFoundForAnUnknownConnection() throws Exception {
		this.server.start();
		SocketServersEndpointWebExtension extension = new SocketServersEndpointWebExtension(this.endpoint);
		assertThat(extension.closeConnection("chat", "nope", null).getStatus())
				.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		try (LineClient client = LineClient.connect(this.server.port())) {
			assertThat(client.exchange("dave")).isEqualTo("dave");
			String id = this.endpoint.connections("chat", null, null).connections().get(0).id();
			WebEndpointResponse<Object> response = extension.closeConnection("chat", id, null);
			assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
			assertThat(((ConnectionDescriptor) response.getBody()).closeReason()).isEqualTo("closed-by-admin");
		}
	}

}
