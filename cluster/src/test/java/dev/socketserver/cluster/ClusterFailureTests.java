package dev.socketserver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.cluster.ClusterStats.Failure;
import dev.socketserver.cluster.ClusterTestNodes.Node;
import dev.socketserver.cluster.metrics.ClusterMeters;
import dev.socketserver.cluster.metrics.ClusterMetrics;
import dev.socketserver.test.client.SocketTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Status;

import static dev.socketserver.cluster.ClusterTestNodes.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the cluster does when a node crashes, when Redis goes away and comes back, and when a subscription dies
 * while Redis still answers: nothing vanishes silently, local sends are untouched, and health says so. The
 * detection times are logged, for the documentation.
 */
class ClusterFailureTests {

	private static final Logger logger = LoggerFactory.getLogger(ClusterFailureTests.class);

	private static final Duration POLL = Duration.ofMillis(20);

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
	void aCrashedNodesEntriesExpireWithinTheTtlAndSendsToItsIdentitiesReportNotFound() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		b.connect("bob", "room");
		await().until(() -> a.presence().isOnline(SERVER, "bob") && a.presence().countOnline(SERVER, "room") == 1);
		long crashed = System.nanoTime();
		b.crash();
		// Its channel has no subscriber any more: not found at once, before its heartbeat has even expired.
		assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "are you there?"))).isZero();
		assertThat(a.stats().routingMisses()).isEqualTo(1);
		try (RedisKeys keys = new RedisKeys(redis.server())) {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(POLL)
				.until(() -> keys.matching(this.cluster.prefix() + "identity:*").isEmpty()
						&& keys.matching(this.cluster.prefix() + "group:*").isEmpty()
						&& keys.matching(this.cluster.prefix() + "node:b*").isEmpty());
			Duration detected = Duration.ofNanos(System.nanoTime() - crashed);
			logger.info("Dead node detected and its entries removed {} ms after the crash (node-ttl 2s, heartbeat "
					+ "200ms)", detected.toMillis());
			// The time to live, plus at most one heartbeat of the noticing node, plus scheduling slack.
			assertThat(detected).isLessThan(Duration.ofSeconds(2).plus(Duration.ofMillis(200 * 2 + 1500)));
		}
		assertThat(a.node().liveNodes()).containsExactly("a");
		assertThat(a.presence().isOnline(SERVER, "bob")).isFalse();
		assertThat(ClusterRoutingTests.join(a.router().sendToGroup(SERVER, "room", "anyone?", null))).isZero();
	}

	@Test
	void whileRedisIsDownLocalSendsWorkRemoteSendsFailFastAndAfterItRestartsRoutingWorksAgain() throws Exception {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient alice = a.connect("alice");
		SocketTestClient bob = b.connect("bob");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new ClusterMetrics(a.node(), a.context().getBean(ClusterStats.class), List.of(SERVER)).bindTo(meters);
		AtomicBoolean sending = new AtomicBoolean(true);
		AtomicInteger localSends = new AtomicInteger();
		AtomicInteger localFailures = new AtomicInteger();
		ExecutorService traffic = Executors.newSingleThreadExecutor();
		try {
			Future<?> localTraffic = traffic.submit(() -> {
				while (sending.get()) {
					CompletableFuture<Integer> sent = a.router()
						.sendToIdentity(SERVER, "alice", "local " + localSends.incrementAndGet())
						.toCompletableFuture();
					try {
						if (sent.get() != 1) {
							localFailures.incrementAndGet();
						}
					}
					catch (Exception ex) {
						localFailures.incrementAndGet();
					}
					await().pollDelay(Duration.ofMillis(10)).until(() -> true);
				}
			});
			assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "before"))).isEqualTo(1);
			bob.expect("before");
			long stopped = System.nanoTime();
			redis.server().stop();
			await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> a.health() == Status.DOWN);
			logger.info("Redis down detected (health DOWN) {} ms after redis-server stopped (probe-timeout 1.5s)",
					Duration.ofNanos(System.nanoTime() - stopped).toMillis());
			await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> b.health() == Status.DOWN);
			long started = System.nanoTime();
			CompletableFuture<Integer> remote = a.router().sendToIdentity(SERVER, "bob", "lost").toCompletableFuture();
			assertThat(remote).isCompletedExceptionally();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
			assertThat(remote).failsWithin(Duration.ZERO)
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(ClusterUnavailableException.class);
			assertThat(a.stats().failed(Failure.UNAVAILABLE)).isPositive();
			assertThat(meters.get(ClusterMeters.SENDS_FAILED.meterName())
				.tag("reason", "unavailable")
				.functionCounter()
				.count()).isPositive();
			assertThat(meters.get(ClusterMeters.CONNECTED.meterName()).gauge().value()).isZero();
			int sentWhileDown = localSends.get();
			await().atMost(Duration.ofSeconds(5)).until(() -> localSends.get() > sentWhileDown + 5);
			redis.server().restart();
			long restarted = System.nanoTime();
			await().atMost(Duration.ofSeconds(30)).pollInterval(POLL)
				.until(() -> a.health() == Status.UP && b.health() == Status.UP);
			logger.info("Cluster UP again {} ms after redis-server restarted",
					Duration.ofNanos(System.nanoTime() - restarted).toMillis());
			// Redis restarted empty: each node wrote its registry again.
			await().atMost(Duration.ofSeconds(10)).until(() -> a.presence().isOnline(SERVER, "bob")
					&& b.presence().isOnline(SERVER, "alice"));
			assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "after"))).isEqualTo(1);
			bob.expect("after");
			assertThat(ClusterRoutingTests.join(b.router().sendToIdentity(SERVER, "alice", "from b"))).isEqualTo(1);
			sending.set(false);
			localTraffic.get();
			assertThat(localFailures.get()).isZero();
			assertThat(localSends.get()).isGreaterThan(10);
			alice.expectNext();
		}
		finally {
			sending.set(false);
			traffic.shutdownNow();
		}
	}

	@Test
	void aNodeStartedWhileRedisIsDownServesLocallyAndJoinsOnceRedisIsUp() {
		redis.server().stop();
		Node a = this.cluster.start("a");
		SocketTestClient alice = a.connect("alice");
		assertThat(a.health()).isEqualTo(Status.DOWN);
		assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "alice", "local"))).isEqualTo(1);
		alice.expect("local");
		assertThat(a.router().sendToIdentity(SERVER, "bob", "remote").toCompletableFuture())
			.isCompletedExceptionally();
		redis.server().restart();
		await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> a.health() == Status.UP);
		Node b = this.cluster.start("b");
		await().until(() -> b.presence().isOnline(SERVER, "alice"));
		assertThat(ClusterRoutingTests.join(b.router().sendToIdentity(SERVER, "alice", "from b"))).isEqualTo(1);
		alice.expect("from b");
	}

	@Test
	void sendsBeyondTheOutboundQueueFailAtOnceAndAreCounted() {
		Node a = this.cluster.start("a", "socket.cluster.outbound-queue-capacity=1", "socket.cluster.send-threads=1");
		Node b = this.cluster.start("b");
		b.connect("bob");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		List<CompletableFuture<Integer>> sends = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			sends.add(a.router().sendToIdentity(SERVER, "bob", "burst " + i).toCompletableFuture());
		}
		CompletableFuture.allOf(sends.stream()
			.map((send) -> send.exceptionally((ex) -> -1))
			.toArray(CompletableFuture[]::new)).join();
		long refused = sends.stream()
			.filter((send) -> send.isCompletedExceptionally())
			.peek((send) -> assertThat(send).failsWithin(Duration.ZERO)
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(ClusterQueueFullException.class))
			.count();
		assertThat(refused).isPositive().isLessThan(500);
		assertThat(a.stats().failed(Failure.QUEUE_FULL)).isEqualTo(refused);
	}

	@Test
	void aMessageTooLargeForOtherNodesFailsAtOnceAndIsCountedWhileLocalRecipientsGetIt() {
		Node a = this.cluster.start("a", "socket.cluster.max-message-size=1KB");
		Node b = this.cluster.start("b");
		SocketTestClient bob = b.connect("bob", "big");
		SocketTestClient alice = a.connect("alice", "big");
		await().until(() -> a.presence().countOnline(SERVER, "big") == 2);
		String large = "x".repeat(2000);
		assertThat(a.router().sendToIdentity(SERVER, "bob", large)).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ClusterMessageTooLargeException.class)
			.withMessageContaining("socket.cluster.max-message-size");
		assertThat(a.router().sendToGroup(SERVER, "big", large, null)).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(1);
		alice.expect(large);
		assertThat(a.stats().failed(Failure.TOO_LARGE)).isEqualTo(2);
		assertThat(a.router().sendToIdentity(SERVER, "bob", "small")).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(1);
		bob.expect("small");
	}

	@Test
	void aSubscriptionThatDiesWhileRedisAnswersIsDetectedAndRenewed() {
		Node a = this.cluster.start("a");
		Node b = this.cluster.start("b");
		SocketTestClient bob = b.connect("bob");
		await().until(() -> a.presence().isOnline(SERVER, "bob"));
		long dropped = System.nanoTime();
		b.node().dropSubscription();
		await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> b.health() == Status.DOWN);
		logger.info("Dead subscription detected (health DOWN) {} ms after it was dropped (probe-timeout 1.5s)",
				Duration.ofNanos(System.nanoTime() - dropped).toMillis());
		assertThat(b.node().isHeartbeatWritten()).isTrue();
		assertThat(a.health()).isEqualTo(Status.UP);
		await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> b.health() == Status.UP);
		logger.info("Subscription renewed (health UP) {} ms after it was dropped",
				Duration.ofNanos(System.nanoTime() - dropped).toMillis());
		assertThat(ClusterRoutingTests.join(a.router().sendToIdentity(SERVER, "bob", "still there?"))).isEqualTo(1);
		bob.expect("still there?");
	}

}
