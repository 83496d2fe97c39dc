package dev.socketserver.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.socketserver.LineClients;
import dev.socketserver.LineClients.Client;
import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.LoopAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConnectionManagerTests {

	private static final MessageCodec<String> LINES = MessageCodec.of(new LineFraming(64 * 1024, LineDelimiter.LF),
			PayloadCodec.string(StandardCharsets.UTF_8));

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private SocketServer start(SocketHandler<String> handler, UnaryOperator<SocketServerConfig.Builder> settings) {
		SocketServer server = new NettySocketServer(
				settings.apply(SocketServerConfig.builder("test").address(InetAddress.getLoopbackAddress()).codec(LINES)
					.handler(handler))
					.build(),
				fixture.eventLoops());
		server.start();
		fixture.stopAfterTest(server);
		return server;
	}

	/**
	 * A small command protocol: "id NAME" binds an identity, "join G" and "leave G" manage groups.
	 */
	private static SocketHandler<String> commands() {
		return (connection, line) -> {
			String[] words = line.split(" ", 2);
			switch (words[0]) {
				case "id" -> connection.bindIdentity(words[1]);
				case "join" -> connection.join(words[1]);
				case "leave" -> connection.leave(words[1]);
				default -> connection.offer("? " + line);
			}
			connection.offer("ok " + line);
		};
	}

	@Test
	void registryCountsLooksUpAndPagesConnections() {
		SocketServer server = start(commands(), UnaryOperator.identity());
		ConnectionManager manager = server.connections();
		try (LineClients clients = new LineClients()) {
			clients.connect(server.port(), 20);
			await().until(manager::count, (count) -> count == 20);
			Connection first = manager.stream().findFirst().orElseThrow();
			assertThat(manager.get(first.id())).isSameAs(first);
			assertThat(manager.get("no-such-id")).isNull();
			assertThat(manager.page(0, 5)).hasSize(5);
			assertThat(manager.page(15, 10)).hasSize(5);
			Set<String> ids = ConcurrentHashMap.newKeySet();
			for (int offset = 0; offset < 20; offset += 7) {
				manager.page(offset, 7).forEach((connection) -> ids.add(connection.id()));
			}
			assertThat(ids).hasSize(20);
			assertThat(first.serverName()).isEqualTo("test");
			assertThat(first.remoteAddress()).isInstanceOf(InetSocketAddress.class);
			assertThat(first.transport()).isEqualTo(fixture.eventLoops().transport());
		}
		await().until(manager::count, (count) -> count == 0);
		assertThat(manager.stats().opened()).isEqualTo(20);
		assertThat(manager.stats().closed(CloseReason.PEER_CLOSED)).isEqualTo(20);
	}

	@Test
	void identityBindingSendsToEveryDeviceAndEndsWithTheConnection() {
		SocketServer server = start(commands(), UnaryOperator.identity());
		ConnectionManager manager = server.connections();
		try (LineClients clients = new LineClients()) {
			List<Client> devices = clients.connect(server.port(), 3);
			devices.get(0).send("id alice");
			devices.get(1).send("id alice");
			devices.get(2).send("id bob");
			await().until(() -> manager.connectionsOf("alice").size() == 2 && manager.connectionsOf("bob").size() == 1);
			assertThat(manager.sendToIdentity("alice", "for alice")).isEqualTo(2);
			await().until(() -> devices.get(0).received().contains("for alice")
					&& devices.get(1).received().contains("for alice"));
			assertThat(devices.get(2).received()).doesNotContain("for alice");
			devices.get(1).send("id carol");
			await().until(() -> manager.connectionsOf("alice").size() == 1);
			devices.get(0).channel().close();
			await().until(() -> manager.connectionsOf("alice").isEmpty());
			assertThat(manager.identities()).containsExactlyInAnyOrder("bob", "carol");
		}
		await().until(() -> manager.identities().isEmpty());
	}

	@Test
	void groupBroadcastCanExcludeTheSenderAndMembersLeaveOnClose() {
		SocketServer server = start(commands(), UnaryOperator.identity());
		ConnectionManager manager = server.connections();
		try (LineClients clients = new LineClients()) {
			List<Client> members = clients.connect(server.port(), 4);
			members.forEach((member) -> member.send("join room"));
			members.get(3).send("leave room");
			await().until(() -> manager.groupSize("room") == 3);
			Connection sender = manager.members("room").iterator().next();
			assertThat(sender.groups()).containsExactly("room");
			int reached = manager.sendToGroup("room", "hello room", (connection) -> connection != sender);
			assertThat(reached).isEqualTo(2);
			await().until(() -> members.stream().filter((member) -> member.received().contains("hello room"))
					.count() == 2);
			members.forEach((member) -> member.channel().close());
		}
		await().until(() -> manager.groups().isEmpty());
	}

	@Test
	void broadcastToAThousandConnectionsDeliversEachMessageExactlyOnce() {
		SocketServer server = start(commands(), UnaryOperator.identity());
		ConnectionManager manager = server.connections();
		try (LineClients clients = new LineClients()) {
			List<Client> all = clients.connect(server.port(), 1000);
			await().atMost(Duration.ofSeconds(30)).until(manager::count, (count) -> count == 1000);
			for (int i = 0; i < 5; i++) {
				assertThat(manager.broadcast("message " + i)).isEqualTo(1000);
			}
			manager.broadcast("end");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> all.stream().allMatch((client) -> client.received().contains("end")));
			List<String> expected = List.of("message 0", "message 1", "message 2", "message 3", "message 4", "end");
			assertThat(all).allSatisfy((client) -> assertThat(client.received()).isEqualTo(expected));
		}
	}

	@Test
	void connectionsBeyondTheLimitAreClosedAtOnceAndCounted() throws Exception {
		SocketServer server = start(commands(), (builder) -> builder.limits((limits) -> limits.withMaxConnections(3)));
		ConnectionManager manager = server.connections();
		List<TestClient> accepted = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				accepted.add(new TestClient(server.port()));
			}
			await().until(manager::count, (count) -> count == 3);
			for (int i = 0; i < 2; i++) {
				try (TestClient refused = new TestClient(server.port())) {
					assertThat(refused.isClosedByPeer()).isTrue();
				}
			}
			assertThat(manager.stats().rejected(CloseReason.CONNECTION_LIMIT)).isEqualTo(2);
			accepted.get(0).writeLine("still served");
			assertThat(accepted.get(0).readLine()).isEqualTo("? still served");
		}
		finally {
			for (TestClient client : accepted) {
				client.close();
			}
		}
		await().until(manager::count, (count) -> count == 0);
		try (TestClient again = new TestClient(server.port())) {
			again.writeLine("room again");
			assertThat(again.readLine()).isEqualTo("? room again");
		}
	}

	@Test
	void connectionsPerAddressAreCappedPerRemoteAddress() throws Exception {
		SocketServer server = start(commands(),
				(builder) -> builder.limits((limits) -> limits.withMaxConnectionsPerAddress(2)));
		ConnectionManager manager = server.connections();
		try (TestClient a = new TestClient(server.port()); TestClient b = new TestClient(server.port());
				TestClient refused = new TestClient(server.port()); Socket other = connectFrom("127.0.0.2",
						server.port())) {
			assertThat(refused.isClosedByPeer()).isTrue();
			await().until(manager::count, (count) -> count == 3);
			assertThat(manager.stats().rejected(CloseReason.CONNECTION_LIMIT)).isOne();
			other.getOutputStream().write("from elsewhere\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(other.getInputStream().readNBytes(17), StandardCharsets.US_ASCII))
				.isEqualTo("? from elsewhere\n");
		}
	}

	@Test
	void clientThatNeverReadsIsClosedAsSlowConsumerWhileOthersKeepReceiving() throws Exception {
		SocketServer server = start(commands(),
				(builder) -> builder.limits((limits) -> limits.withMaxPendingOutboundBytes(256 * 1024))
			.socketOptions((options) -> options.withReceiveBufferSize(64 * 1024))
			.socketOptions((options) -> options.withSendBufferSize(64 * 1024)));
		ConnectionManager manager = server.connections();
		String chunk = "x".repeat(16 * 1024);
		try (LineClients clients = new LineClients(); Socket stalled = connectFrom("127.0.0.1", server.port())) {
			stalled.setReceiveBufferSize(8 * 1024);
			Client reader = clients.connect(server.port(), 1).get(0);
			await().until(manager::count, (count) -> count == 2);
			AtomicInteger sent = new AtomicInteger();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				for (int i = 0; i < 10 && manager.stats().closed(CloseReason.SLOW_CONSUMER) == 0; i++) {
					manager.broadcast(chunk + sent.incrementAndGet());
				}
				return manager.stats().closed(CloseReason.SLOW_CONSUMER) == 1;
			});
			manager.broadcast("after");
			await().until(() -> reader.received().contains("after"));
			assertThat(reader.received()).hasSize(sent.get() + 1);
			assertThat(isClosed(stalled)).isTrue();
		}
	}

	@Test
	void dropPolicyKeepsASlowConsumerOpenAndCountsWhatItDropped() throws Exception {
		SocketServer server = start(commands(),
				(builder) -> builder.limits((limits) -> limits.withMaxPendingOutboundBytes(128 * 1024))
			.limits((limits) -> limits.withSlowConsumerPolicy(SlowConsumerPolicy.DROP))
			.socketOptions((options) -> options.withSendBufferSize(64 * 1024)));
		ConnectionManager manager = server.connections();
		String chunk = "y".repeat(16 * 1024);
		try (Socket stalled = connectFrom("127.0.0.1", server.port())) {
			stalled.setReceiveBufferSize(8 * 1024);
			await().until(manager::count, (count) -> count == 1);
			Connection connection = manager.stream().findFirst().orElseThrow();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				for (int i = 0; i < 100; i++) {
					connection.offer(chunk);
				}
				return manager.stats().droppedMessages() > 10;
			});
			assertThat(connection.isOpen()).isTrue();
			// Bounded: the limit, the one message admitted just under it, and Netty's per-entry bookkeeping.
			assertThat(connection.pendingOutboundBytes()).isLessThan(128 * 1024 + 2 * chunk.length());
			// The socket may drain a little meanwhile: keep sending until the limit refuses one again.
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				CompletableFuture<Void> sent = connection.send(chunk).toCompletableFuture();
				return sent.isCompletedExceptionally()
						&& sent.handle((result, ex) -> ex).join() instanceof MessageDroppedException;
			});
		}
	}

	@Test
	void concurrentOpensClosesBindsJoinsAndBroadcastsKeepTheIndexesConsistent() throws Exception {
		AtomicInteger opened = new AtomicInteger();
		SocketHandler<String> handler = new SocketHandler<>() {
			@Override
			public void onOpen(Connection connection) {
				int n = opened.incrementAndGet();
				connection.bindIdentity("user-" + (n % 10));
				connection.join("room-" + (n % 5));
			}

			@Override
			public void onMessage(Connection connection, String message) {
			}
		};
		Set<Connection> closed = ConcurrentHashMap.newKeySet();
		SocketServer server = start(handler, (builder) -> builder.listener(new ConnectionListener() {
			@Override
			public void connectionClosed(Connection connection, CloseReason reason) {
				closed.add(connection);
			}
		}));
		ConnectionManager manager = server.connections();
		AtomicBoolean running = new AtomicBoolean(true);
		// Every fifth client stays connected, so the indexes still hold entries when they are checked.
		List<Socket> kept = new CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int t = 0; t < 3; t++) {
				clients.add(pool.submit(() -> {
					for (int i = 0; i < 150; i++) {
						try {
							Socket socket = connectFrom("127.0.0.1", server.port());
							if (i % 5 == 4) {
								kept.add(socket);
								continue;
							}
							if (i % 3 == 0) {
								socket.setSoLinger(true, 0);
							}
							socket.close();
						}
						catch (IOException ex) {
							throw new IllegalStateException(ex);
						}
					}
				}));
			}
			List<Future<?>> mutators = new ArrayList<>();
			mutators.add(pool.submit(() -> {
				while (running.get()) {
					manager.sendToGroup("room-" + ThreadLocalRandom.current().nextInt(5), "news", null);
					manager.sendToIdentity("user-" + ThreadLocalRandom.current().nextInt(10), "direct");
				}
			}));
			mutators.add(pool.submit(() -> {
				while (running.get()) {
					manager.stream().skip(ThreadLocalRandom.current().nextInt(10)).limit(20).forEach((connection) -> {
						ThreadLocalRandom random = ThreadLocalRandom.current();
						String group = "room-" + random.nextInt(5);
						if (random.nextBoolean()) {
							connection.join(group);
						}
						else {
							connection.leave(group);
						}
						if (random.nextInt(4) == 0) {
							connection.unbindIdentity();
						}
						else {
							connection.bindIdentity("user-" + random.nextInt(10));
						}
					});
				}
			}));
			mutators.add(pool.submit(() -> {
				while (running.get()) {
					// Closes by the application race with the binds and joins above; a third of the connections
					// only, so that kept clients survive for the checks.
					manager.stream()
						.filter((connection) -> Math.floorMod(connection.id().hashCode(), 3) == 0)
						.skip(ThreadLocalRandom.current().nextInt(5))
						.findFirst()
						.ifPresent((connection) -> connection.close(CloseReason.CLOSED_BY_APPLICATION));
				}
			}));
			for (Future<?> client : clients) {
				client.get(60, TimeUnit.SECONDS);
			}
			running.set(false);
			for (Future<?> mutator : mutators) {
				mutator.get(10, TimeUnit.SECONDS);
			}
			Set<Integer> keptPorts = ConcurrentHashMap.newKeySet();
			kept.forEach((socket) -> keptPorts.add(socket.getLocalPort()));
			// Settled once every close has run to its end and only kept clients, which nothing closes any more,
			// are left: from then on the indexes cannot change under the checks.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> manager.stats().opened() == 450 && manager.count() + closedCount(manager) == 450
						&& manager.stream()
							.allMatch((connection) -> connection.isOpen()
									&& keptPorts.contains(((InetSocketAddress) connection.remoteAddress()).getPort())));
			assertThat(manager.count()).isPositive();
			assertIndexesAgreeWithConnections(manager, closed);
		}
		finally {
			running.set(false);
			pool.shutdownNow();
			for (Socket socket : kept) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(20)).until(manager::count, (count) -> count == 0);
		assertThat(manager.identities()).isEmpty();
		assertThat(manager.groups()).isEmpty();
		assertThat(manager.stats().opened()).isEqualTo(450);
		assertThat(closedCount(manager)).isEqualTo(450);
		assertThat(closed).hasSize(450);
	}

	private static void assertIndexesAgreeWithConnections(ConnectionManager manager, Set<Connection> closed) {
		for (String group : manager.groups()) {
			assertThat(manager.members(group)).as("members of %s", group).isNotEmpty().allSatisfy((member) -> {
				assertThat(manager.get(member.id())).isSameAs(member);
				assertThat(member.groups()).contains(group);
			});
		}
		for (String identity : manager.identities()) {
			assertThat(manager.connectionsOf(identity)).as("connections of %s", identity)
				.isNotEmpty()
				.allSatisfy((bound) -> {
					assertThat(manager.get(bound.id())).isSameAs(bound);
					assertThat(bound.identity()).isEqualTo(identity);
				});
		}
		manager.stream().forEach((connection) -> {
			assertThat(closed).doesNotContain(connection);
			connection.groups()
				.forEach((group) -> assertThat(manager.members(group)).as("members of %s", group).contains(connection));
			String identity = connection.identity();
			if (identity != null) {
				assertThat(manager.connectionsOf(identity)).as("connections of %s", identity).contains(connection);
			}
		});
		assertThat(closed).isNotEmpty().allSatisfy((gone) -> {
			assertThat(manager.get(gone.id())).isNull();
			gone.groups().forEach((group) -> assertThat(manager.members(group)).doesNotContain(gone));
			String identity = gone.identity();
			if (identity != null) {
				assertThat(manager.connectionsOf(identity)).doesNotContain(gone);
			}
		});
	}

	private static long closedCount(ConnectionManager manager) {
		long closed = 0;
		for (CloseReason reason : CloseReason.values()) {
			closed += manager.stats().closed(reason);
		}
		return closed;
	}

	@Test
	void churnOfConnectionsResetMidFrameLeavesNothingBehind() throws Exception {
		SocketServer server = new NettySocketServer(SocketServerConfig.builder("churn")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes()))
			.handler((connection, message) -> connection.offer(message))
			.listener(new ConnectionListener() {
				@Override
				public void connectionOpened(Connection connection) {
					connection.bindIdentity("device-" + (connection.id().hashCode() & 7));
					connection.join("all");
				}
			})
			.build(), fixture.eventLoops());
		server.start();
		fixture.stopAfterTest(server);
		ConnectionManager manager = server.connections();
		int cycles = 3000;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch done = new CountDownLatch(4);
		try {
			for (int t = 0; t < 4; t++) {
				pool.execute(() -> {
					try {
						for (int i = 0; i < cycles / 4; i++) {
							try (Socket socket = connectFrom("127.0.0.1", server.port())) {
								socket.setSoLinger(true, 0);
								// Half a frame: a header announcing 100 bytes and 10 of them.
								socket.getOutputStream().write(new byte[] { 0, 0, 0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9,
										10 });
							}
						}
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
					finally {
						done.countDown();
					}
				});
			}
			assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			pool.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).until(manager::count, (count) -> count == 0);
		assertThat(manager.identities()).isEmpty();
		assertThat(manager.groups()).isEmpty();
		assertThat(manager.stats().opened()).isEqualTo(cycles);
		for (int loop = 0; loop < fixture.eventLoops().workers().size(); loop++) {
			assertThat(fixture.eventLoops().connections(loop)).isZero();
		}
	}

	@Test
	void leastConnectionsAssignmentFillsTheEmptiestLoop() throws Exception {
		try (EventLoops loops = EventLoops.builder().workerThreads(2).assignment(LoopAssignment.LEAST_CONNECTIONS)
				.build()) {
			SocketServer server = new NettySocketServer(SocketServerConfig.builder("balanced")
				.address(InetAddress.getLoopbackAddress())
				.codec(LINES)
				.handler(commands())
				.build(), loops);
			server.start();
			try (LineClients clients = new LineClients()) {
				clients.connect(server.port(), 4);
				await().until(() -> server.connections().count() == 4);
				assertThat(loops.connections(0)).isEqualTo(2);
				assertThat(loops.connections(1)).isEqualTo(2);
				server.connections()
					.stream()
					.filter((connection) -> connection.channel().eventLoop() == loops.workers().get(0))
					.forEach((connection) -> connection.close(CloseReason.CLOSED_BY_APPLICATION));
				await().until(() -> loops.connections(0) == 0);
				clients.connect(server.port(), 2);
				await().until(() -> server.connections().count() == 4);
				assertThat(loops.connections(0)).isEqualTo(2);
				assertThat(loops.connections(1)).isEqualTo(2);
			}
			finally {
				server.stop();
			}
		}
	}

	@Test
	void listenersHearOfBindingsAndMembershipsThatChange() {
		List<String> events = new CopyOnWriteArrayList<>();
		SocketServer server = start(commands(), (builder) -> builder.listener(new ConnectionListener() {
			@Override
			public void identityBound(Connection connection, String identity) {
				events.add("bound " + identity);
			}

			@Override
			public void identityUnbound(Connection connection, String identity) {
				events.add("unbound " + identity);
			}

			@Override
			public void joined(Connection connection, String group) {
				events.add("joined " + group);
			}

			@Override
			public void left(Connection connection, String group) {
				events.add("left " + group);
			}
		}));
		try (LineClients clients = new LineClients()) {
			Client client = clients.connect(server.port(), 1).get(0);
			for (String command : List.of("id alice", "id alice", "id bob", "join g", "join g", "leave g", "leave g")) {
				client.send(command);
			}
			await().until(() -> client.received().size() == 7);
			Connection connection = server.connections().stream().findFirst().orElseThrow();
			connection.unbindIdentity();
			connection.unbindIdentity();
			assertThat(events).containsExactly("bound alice", "unbound alice", "bound bob", "joined g", "left g",
					"unbound bob");
		}
	}

	@Test
	void bytesEncodedOnceAreSentAsTheyAreToIdentitiesGroupsAndEveryone() {
		SocketServer server = start(commands(), UnaryOperator.identity());
		ConnectionManager manager = server.connections();
		assertThat(manager.hasSharedEncoding()).isTrue();
		try (LineClients clients = new LineClients()) {
			List<Client> devices = clients.connect(server.port(), 2);
			devices.get(0).send("id alice");
			devices.get(1).send("join g");
			await().until(() -> manager.connectionsOf("alice").size() == 1 && manager.groupSize("g") == 1);
			assertThat(manager.sendEncodedToIdentity("alice", manager.encode("to alice"))).isEqualTo(1);
			assertThat(manager.sendEncodedToGroup("g", manager.encode("to g"), null)).isEqualTo(1);
			assertThat(manager.broadcastEncoded(manager.encode("to all"), null)).isEqualTo(2);
			assertThat(manager.sendEncodedToIdentity("nobody", manager.encode("lost"))).isZero();
			await().until(() -> devices.get(0).received().containsAll(List.of("to alice", "to all"))
					&& devices.get(1).received().containsAll(List.of("to g", "to all")));
			assertThat(devices.get(0).received()).doesNotContain("to g");
		}
	}

	private static Socket connectFrom(String localAddress, int port) throws IOException {
		Socket socket = new Socket();
		socket.setSoTimeout(5000);
		socket.bind(new InetSocketAddress(localAddress, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		return socket;
	}

	private static boolean isClosed(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			while (in.read(new byte[64 * 1024]) >= 0) {
				// drain what was queued before the close
			}
			return true;
		}
		catch (SocketException ex) {
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

}
