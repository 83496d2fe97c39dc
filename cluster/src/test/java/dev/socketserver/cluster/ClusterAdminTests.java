package dev.socketserver.cluster;

import java.time.Duration;
import java.util.List;

import dev.socketserver.autoconfigure.endpoint.IdentityConnectionsDescriptor;
import dev.socketserver.autoconfigure.endpoint.RemoteConnections;
import dev.socketserver.autoconfigure.endpoint.RemoteConnections.RemoteConnection;
import dev.socketserver.autoconfigure.endpoint.SocketServersEndpoint;
import dev.socketserver.autoconfigure.endpoint.SocketServersEndpointWebExtension;
import dev.socketserver.cluster.ClusterTestNodes.Node;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.server.SocketServers;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static dev.socketserver.cluster.ClusterTestNodes.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The {@code socketservers} endpoint of one node finding and closing connections held by another, on a real
 * Redis, with the {@link ClusterAdmin} the cluster auto-configuration provides.
 */
class ClusterAdminTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private ClusterTestNodes cluster;

	@BeforeEach
	void startCluster() {
		this.cluster = new ClusterTestNodes(redis.server());
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void findListsAnIdentityOnEveryNodeWithTheNodeHoldingEach() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient here = a.connect("pump-7");
		SocketTestClient there = b.connect("pump-7");
		b.connect("pump-8");
		await().until(() -> a.presence().nodesOf(SERVER, "pump-7").size() == 2);
		IdentityConnectionsDescriptor found = (IdentityConnectionsDescriptor) endpoint(a).connections(SERVER, null,
				null, "pump-7");
		assertThat(found.errors()).isEmpty();
		assertThat(found.connections()).extracting(RemoteConnection::node, RemoteConnection::id)
			.containsExactlyInAnyOrder(tuple("a", here.serverConnection().id()),
					tuple("b", there.serverConnection().id()));
		assertThat(found.connections()).allSatisfy((connection) -> {
			assertThat(connection.identity()).isEqualTo("pump-7");
			assertThat(connection.open()).isTrue();
			assertThat(connection.remoteAddress()).startsWith("127.0.0.1:");
		});
		// Without the identity, the page of this node's connections as before.
		assertThat(endpoint(a).connections(SERVER, null, null, null))
			.isInstanceOf(SocketServersEndpoint.ConnectionsDescriptor.class);
	}

	@Test
	void deleteByIdentityClosesItOnTheNodeThatHoldsItAsAdmin() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient bob = b.connect("bob");
		SocketTestClient other = b.connect("bert");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		WebEndpointResponse<Object> response = extension(a).closeIdentity(SERVER, "bob");
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
		IdentityConnectionsDescriptor closed = (IdentityConnectionsDescriptor) response.getBody();
		assertThat(closed.connections()).singleElement().satisfies((connection) -> {
			assertThat(connection.node()).isEqualTo("b");
			assertThat(connection.open()).isFalse();
			assertThat(connection.closeReason()).isEqualTo(CloseReason.CLOSED_BY_ADMIN.tag());
		});
		bob.expectClosed(CloseReason.CLOSED_BY_ADMIN);
		assertThat(other.serverConnection().isOpen()).isTrue();
		await().until(() -> !a.presence().isOnline(SERVER, "bob"));
		assertThat(extension(a).closeIdentity(SERVER, "bob").getStatus())
			.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	@Test
	void deleteByIdOnANamedNodeClosesThatConnection() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient anonymous = b.connect(null);
		String id = anonymous.serverConnection().id();
		WebEndpointResponse<Object> response = extension(a).closeConnection(SERVER, id, "b");
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
		anonymous.expectClosed(CloseReason.CLOSED_BY_ADMIN);
		assertThat(extension(a).closeConnection(SERVER, "no-such-id", "b").getStatus())
			.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		// This node's own id is served locally, as without a cluster.
		assertThat(extension(a).closeConnection(SERVER, "no-such-id", "a").getStatus())
			.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	@Test
	void aNodeThatDoesNotAnswerIsReportedWithinTheTimeoutAnd503() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		b.connect("bob");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		b.crash();
		long started = System.nanoTime();
		WebEndpointResponse<Object> response = extension(a).closeIdentity(SERVER, "bob");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		IdentityConnectionsDescriptor body = (IdentityConnectionsDescriptor) response.getBody();
		assertThat(body.connections()).isEmpty();
		assertThat(body.errors()).containsOnlyKeys("b");
		assertThat(took).isLessThan(ClusterAdmin.DEFAULT_TIMEOUT.plusSeconds(2));
	}

	private static SocketServersEndpoint endpoint(Node node) {
		return new SocketServersEndpoint(List.copyOf(node.context().getBean(SocketServers.class).all()), null,
				node.context().getBean(RemoteConnections.class));
	}

	private static SocketServersEndpointWebExtension extension(Node node) {
		return new SocketServersEndpointWebExtension(endpoint(node));
	}

}
