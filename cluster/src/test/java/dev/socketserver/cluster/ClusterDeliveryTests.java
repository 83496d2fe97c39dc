package dev.socketserver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.socketserver.cluster.ClusterTestNodes.Node;
import dev.socketserver.cluster.metrics.ClusterMeters;
import dev.socketserver.cluster.metrics.ClusterMetrics;
import dev.socketserver.test.client.SocketTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;

import static dev.socketserver.cluster.ClusterTestNodes.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At-least-once delivery over each node's stream: a node cut off from Redis gets what was sent meanwhile, in
 * order and once; entries read and not acknowledged come again; a copy of a delivered entry is dropped; and
 * messages for an identity that no node has wait in Redis until it binds.
 */
class ClusterDeliveryTests {

	private static final Logger logger = LoggerFactory.getLogger(ClusterDeliveryTests.class);

	private static final Duration POLL = Duration.ofMillis(20);

	private static final String AT_LEAST_ONCE = "socket.cluster.delivery.mode=at-least-once";

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
	void aNodeCutOffFromRedisGetsEverythingSentMeanwhileInOrderAndOnceAfterItReconnects() {
		try (CuttableProxy proxy = new CuttableProxy(redis.server().port())) {
			Node a = this.cluster.start("a", AT_LEAST_ONCE);
			// A long time to live keeps b live in the registry while it is cut off.
			Node b = this.cluster.start("b", AT_LEAST_ONCE, "spring.data.redis.port=" + proxy.port(),
					"socket.cluster.node-ttl=60s");
			SocketTestClient bob = b.connect("bob");
			await().until(() -> a.presence().isOnline(SERVER, "bob"));
			assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "before"))).isEqualTo(1);
			bob.expect("before");
			// Acknowledged: a cut before the acknowledgement would bring "before" again, as a duplicate dropped.
			await().pollInterval(POLL).until(() -> pending(a, "b") == 0);
			proxy.cut();
			await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> !b.node().isAvailable());
			int count = 50;
			for (int i = 0; i < count; i++) {
				// Added to b's stream: b counts as reached.
				assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "m" + i))).isEqualTo(1);
			}
			long restored = System.nanoTime();
			proxy.restore();
			for (int i = 0; i < count; i++) {
				bob.expect("m" + i);
			}
			Duration redelivered = Duration.ofNanos(System.nanoTime() - restored);
			logger.info("All {} messages sent while node b was cut off delivered {} ms after the link was restored "
					+ "({} entries read again from the pending list)", count, redelivered.toMillis(),
					b.stats().redeliveries());
			assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "after"))).isEqualTo(1);
			// The next line after the last one is the new message: none came twice.
			bob.expect("after");
			assertThat(b.stats().duplicatesDropped()).isZero();
			await().pollInterval(POLL).until(() -> pending(a, "b") == 0);
		}
	}

	@Test
	void entriesReadButNotAcknowledgedBeforeTheReaderStoppedAreDeliveredOnceByTheNextReader() {
		String perServer = "socket.cluster.delivery.servers." + SERVER + "=at-least-once";
		Node a = this.cluster.start("a", perServer);
		Node b = this.cluster.start("b", perServer);
		SocketTestClient bob = b.connect("bob");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		b.node().streamReader().stop();
		int count = 20;
		for (int i = 0; i < count; i++) {
			assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "m" + i))).isEqualTo(1);
		}
		// What a reader that crashed right after its read leaves: entries pending for consumer b.
		String stream = a.node().keys().stream("b");
		List<ByteRecord> read = template(a).execute((RedisCallback<List<ByteRecord>>) (connection) -> connection
			.streamCommands()
			.xReadGroup(Consumer.from(ClusterKeys.STREAM_GROUP, "b"), StreamReadOptions.empty().count(100),
					StreamOffset.create(ClusterKeys.bytes(stream), ReadOffset.lastConsumed())));
		assertThat(read).hasSize(count);
		assertThat(pending(a, "b")).isEqualTo(count);
		b.node().streamReader().restart();
		for (int i = 0; i < count; i++) {
			bob.expect("m" + i);
		}
		assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "after"))).isEqualTo(1);
		bob.expect("after");
		assertThat(b.stats().redeliveries()).isEqualTo(count);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new ClusterMetrics(b.node(), b.context().getBean(ClusterStats.class), List.of(SERVER)).bindTo(meters);
		assertThat(meters.get(ClusterMeters.REDELIVERIES.meterName()).tag("server", SERVER).functionCounter().count())
			.isEqualTo(count);
		assertThat(meters.get(ClusterMeters.DUPLICATES_DROPPED.meterName()).functionCounter().count()).isZero();
		await().pollInterval(POLL).until(() -> pending(a, "b") == 0);
	}

	@Test
	void aSecondCopyOfADeliveredEnvelopeIsDroppedAndCountedAndADeadNodesStreamIsDeleted() {
		Node a = this.cluster.start("a", AT_LEAST_ONCE);
		Node b = this.cluster.start("b", AT_LEAST_ONCE);
		SocketTestClient bob = b.connect("bob", "room");
		await().until(() -> a.presence().isOnline(SERVER, "bob") && a.presence().countOnline(SERVER, "room") == 1);
		ByteBuf encoded = b.server().connections().encode("once");
		byte[] payload;
		try {
			payload = ByteBufUtil.getBytes(encoded);
		}
		finally {
			encoded.release();
		}
		byte[] envelope = ClusterEnvelope.of(ClusterEnvelope.Type.IDENTITY, "a", SERVER, "bob", payload)
			.withMessageId("a/test/1")
			.encode();
		String stream = a.node().keys().stream("b");
		for (int i = 0; i < 2; i++) {
			template(a).execute((RedisCallback<Object>) (connection) -> connection.streamCommands()
				.xAdd(StreamRecords.rawBytes(Map.of(ClusterKeys.bytes("e"), envelope))
					.withStreamKey(ClusterKeys.bytes(stream))));
		}
		bob.expect("once");
		await().pollInterval(POLL).until(() -> b.stats().duplicatesDropped() == 1);
		// Groups go through the stream too, broadcasts stay on pub/sub.
		assertThat(ClusterRoutingTests.join(a.router().sendToGroup(SERVER, "room", "to the room", null)))
			.isEqualTo(1);
		bob.expect("to the room");
		ClusterRoutingTests.join(a.router().broadcast(SERVER, "to all"));
		bob.expect("to all");
		assertThat(b.stats().duplicatesDropped()).isEqualTo(1);
		try (RedisKeys keys = new RedisKeys(redis.server())) {
			assertThat(keys.matching(stream)).containsExactly(stream);
			b.crash();
			await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> keys.matching(stream).isEmpty());
		}
	}

	@Test
	void messagesForAnIdentityThatNoNodeHasAreStoredAndDeliveredInOrderWhenItBindsOnAnotherNode() {
		String[] offline = { "socket.cluster.offline.enabled=true", "socket.cluster.offline.max-messages=3",
				"socket.cluster.offline.retention=10m" };
		Node a = this.cluster.start("a", offline);
		Node b = this.cluster.start("b", offline);
		for (int i = 1; i <= 5; i++) {
			assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "carol", "m" + i))).isZero();
		}
		assertThat(a.stats().offlineStored()).isEqualTo(5);
		assertThat(a.stats().offlineDropped()).isEqualTo(2);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new ClusterMetrics(a.node(), a.context().getBean(ClusterStats.class), List.of(SERVER)).bindTo(meters);
		assertThat(meters.get(ClusterMeters.OFFLINE_STORED.meterName()).functionCounter().count()).isEqualTo(5);
		assertThat(meters.get(ClusterMeters.OFFLINE_DROPPED.meterName()).functionCounter().count()).isEqualTo(2);
		assertThat(a.stats().routingMisses()).isEqualTo(5);
		String list = a.node().keys().offline(SERVER, "carol");
		assertThat(template(a).opsForList().size(list)).isEqualTo(3);
		Long ttl = template(a).getExpire(list);
		assertThat(ttl).isPositive().isLessThanOrEqualTo(600);
		SocketTestClient carol = b.connect("carol");
		carol.expect("m3").expect("m4").expect("m5");
		// Counted right after each message is handed to the connection, so possibly after it arrived.
		await().pollInterval(POLL).until(() -> b.stats().offlineForwarded() == 3);
		await().pollInterval(POLL).until(() -> !template(a).hasKey(list));
		await().until(() -> a.presence().isOnline(SERVER, "carol"));
		assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "carol", "live"))).isEqualTo(1);
		carol.expect("live");
		assertThat(a.stats().offlineStored()).isEqualTo(5);
	}

	@Test
	void sendsCrossingABindOnAnotherNodeAreEachDeliveredOnceWhetherStoredOrRouted() {
		String[] offline = { "socket.cluster.offline.enabled=true", "socket.cluster.offline.max-messages=100000" };
		Node a = this.cluster.start("a", offline);
		// A slower registry write on b, so that the sends straddle it.
		Node b = this.cluster.start("b", offline[0], offline[1], "socket.cluster.registry-flush-delay=300ms");
		List<Integer> stages = new ArrayList<>();
		SocketTestClient dave = b.connect("dave");
		// Sent while b writes dave's registry field and drains the list: each send is either stored or routed,
		// until a few have been routed.
		long routed = 0;
		while (routed < 5 && stages.size() < 100_000) {
			int stage = ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "dave", "m" + stages.size()));
			stages.add(stage);
			routed += stage;
		}
		int count = stages.size();
		List<Object> received = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			received.add(dave.expectNext());
		}
		assertThat(received).containsExactlyInAnyOrderElementsOf(
				IntStream.range(0, count).mapToObj((i) -> "m" + i).toList());
		logger.info("Of {} sends crossing the bind, {} were stored and {} routed", count, a.stats().offlineStored(),
				routed);
		assertThat(a.stats().offlineStored()).isPositive().isEqualTo(count - routed);
		assertThat(a.stats().offlineDropped()).isZero();
		assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "dave", "last"))).isEqualTo(1);
		dave.expect("last");
	}

	private static RedisTemplate<String, byte[]> template(Node node) {
		return node.node().redis().template();
	}

	private static long pending(Node reader, String node) {
		byte[] stream = ClusterKeys.bytes(reader.node().keys().stream(node));
		PendingMessagesSummary summary = template(reader)
			.execute((RedisCallback<PendingMessagesSummary>) (connection) -> connection.streamCommands()
				.xPending(stream, ClusterKeys.STREAM_GROUP));
		return (summary != null) ? summary.getTotalPendingMessages() : -1;
	}

}
