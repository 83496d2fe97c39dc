package dev.socketserver.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import dev.socketserver.cluster.ClusterTestNodes.Node;
import dev.socketserver.routing.IdentityNotConnectedException;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.socketserver.cluster.ClusterTestNodes.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends between two and three nodes on a real Redis: each recipient gets a message exactly once, wherever it is
 * connected.
 */
class ClusterRoutingTests {

	private static final Duration QUIET = Duration.ofMillis(300);

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
	void sendToAnIdentityOnAnotherNodeReachesItThere() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient bob = b.connect("bob");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		assertThat(a.presence().nodesOf(SERVER, "bob")).containsExactly("b");
		assertThat(join(a.router().sendToIdentity(SERVER, "bob", "hello bob"))).isEqualTo(1);
		bob.expect("hello bob");
		assertThat(a.stats().sent()).isEqualTo(1);
		await().until(() -> b.stats().received() == 1);
		assertThat(b.stats().lagCount()).isEqualTo(1);
	}

	@Test
	void sendToAGroupSpreadOverThreeNodesReachesEveryMemberOnce() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		Node c = this.cluster.start("c");
		SocketTestClient sender = a.connect("alice", "lobby");
		SocketTestClient a2 = a.connect("anna", "lobby");
		SocketTestClient b1 = b.connect("bob", "lobby");
		SocketTestClient b2 = b.connect("bert", "lobby");
		SocketTestClient c1 = c.connect("carol", "lobby");
		SocketTestClient outsider = c.connect("cid", "other");
		await().until(() -> a.presence().countOnline(SERVER, "lobby") == 5);
		String senderId = sender.serverConnection().id();
		assertThat(join(a.router().sendToGroup(SERVER, "lobby", "hi lobby", senderId))).isEqualTo(4);
		for (SocketTestClient member : List.of(a2, b1, b2, c1)) {
			member.expect("hi lobby").expectNoMessage(QUIET);
		}
		sender.expectNoMessage(QUIET);
		outsider.expectNoMessage(QUIET);
		// One envelope per other node holding members, none to a node without any.
		assertThat(a.stats().sent()).isEqualTo(2);
	}

	@Test
	void broadcastReachesEveryConnectionOfEveryNodeOnce() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		Node c = this.cluster.start("c");
		SocketTestClient a1 = a.connect(null);
		SocketTestClient b1 = b.connect("bob");
		SocketTestClient c1 = c.connect(null, "room");
		await().until(() -> a.node().liveNodes().size() == 3);
		assertThat(join(a.router().broadcast(SERVER, "to everyone"))).isEqualTo(1);
		for (SocketTestClient client : List.of(a1, b1, c1)) {
			client.expect("to everyone").expectNoMessage(QUIET);
		}
	}

	@Test
	void anIdentityConnectedOnTwoNodesGetsTheMessageOnBoth() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		Node c = this.cluster.start("c");
		SocketTestClient onA = a.connect("pump-7");
		SocketTestClient onB = b.connect("pump-7");
		await().until(() -> c.presence().nodesOf(SERVER, "pump-7").size() == 2);
		assertThat(c.presence().nodesOf(SERVER, "pump-7")).containsExactlyInAnyOrder("a", "b");
		assertThat(join(c.router().sendToIdentity(SERVER, "pump-7", "open valve"))).isEqualTo(2);
		onA.expect("open valve").expectNoMessage(QUIET);
		onB.expect("open valve").expectNoMessage(QUIET);
		assertThat(join(a.router().sendToIdentity(SERVER, "pump-7", "from a"))).isEqualTo(2);
		onA.expect("from a");
		onB.expect("from a");
	}

	@Test
	void registryFollowsUnbindLeaveAndCloseAndKeepsNoEmptyKeys() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient bob = b.connect("bob", "room");
		await().until(() -> a.presence().isOnline(SERVER, "bob") && a.presence().countOnline(SERVER, "room") == 1);
		bob.serverConnection().leave("room");
		await().until(() -> a.presence().countOnline(SERVER, "room") == 0);
		bob.serverConnection().unbindIdentity();
		await().until(() -> !a.presence().isOnline(SERVER, "bob"));
		bob.serverConnection().bindIdentity("robert");
		await().until(() -> a.presence().isOnline(SERVER, "robert"));
		bob.close();
		await().until(() -> !a.presence().isOnline(SERVER, "robert"));
		assertThat(join(a.router().sendToIdentity(SERVER, "robert", "gone"))).isZero();
		assertThat(a.stats().routingMisses()).isEqualTo(1);
		try (RedisKeys keys = new RedisKeys(redis.server())) {
			assertThat(keys.matching(this.cluster.prefix() + "identity:*")).isEmpty();
			assertThat(keys.matching(this.cluster.prefix() + "group:*")).isEmpty();
		}
	}

	@Test
	void requestToAnIdentityOnAnotherNodeIsAnsweredThroughTheAskingNode() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient device = b.connect("pump-7");
		await().until(() -> a.presence().isOnline(SERVER, "pump-7"));
		CompletionStage<Object> reply = a.router().request(SERVER, "pump-7", "status?", Duration.ofSeconds(5));
		device.expect("status?");
		device.send("status: ok");
		assertThat(reply.toCompletableFuture().join()).isEqualTo("status: ok");
		assertThat(a.router().request(SERVER, "nobody", "status?", Duration.ofSeconds(5)).toCompletableFuture())
			.failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IdentityNotConnectedException.class);
	}

	@Test
	void requestThatIsNotAnsweredTimesOut() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient device = b.connect("pump-8");
		await().until(() -> a.presence().isOnline(SERVER, "pump-8"));
		CompletionStage<Object> reply = a.router().request(SERVER, "pump-8", "status?", Duration.ofMillis(500));
		device.expect("status?");
		assertThat(reply.toCompletableFuture()).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(TimeoutException.class);
	}

	@Test
	void aNodeThatStopsLeavesNothingBehindAndIsNoLongerRoutedTo() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		b.connect("bob", "room");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		b.close();
		try (RedisKeys keys = new RedisKeys(redis.server())) {
			// Node a holds no entries, so it has no set of owned keys either.
			assertThat(keys.matching(this.cluster.prefix() + "*"))
				.containsExactlyInAnyOrder(this.cluster.prefix() + "node:a", this.cluster.prefix() + "nodes");
		}
		assertThat(a.presence().isOnline(SERVER, "bob")).isFalse();
		assertThat(join(a.router().sendToIdentity(SERVER, "bob", "gone"))).isZero();
	}

	@Test
	void aClusterMessageCodecBeanGivesMessagesTheirOwnWireForm() {
		Node a = this.cluster.start("a", CodecConfiguration.class);
		Node b = this.cluster.start("b", CodecConfiguration.class);
		SocketTestClient bob = b.connect("bob");
		SocketTestClient anna = a.connect("anna");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		assertThat(join(a.router().sendToIdentity(SERVER, "bob", "hello"))).isEqualTo(1);
		bob.expect("decoded on b: hello");
		assertThat(join(a.router().sendToIdentity(SERVER, "anna", "local"))).isEqualTo(1);
		anna.expect("local");
	}

	@Configuration(proxyBeanMethods = false)
	static class CodecConfiguration {

		@Bean
		ClusterMessageCodec clusterMessageCodec(ClusterSettings settings) {
			return new ClusterMessageCodec() {

				@Override
				public byte[] encode(String server, Object message) {
					return ((String) message).getBytes(StandardCharsets.UTF_8);
				}

				@Override
				public Object decode(String server, byte[] bytes) {
					return "decoded on " + settings.nodeId() + ": " + new String(bytes, StandardCharsets.UTF_8);
				}

			};
		}

	}

	static <T> T join(CompletionStage<T> stage) {
		return stage.toCompletableFuture().join();
	}

}
