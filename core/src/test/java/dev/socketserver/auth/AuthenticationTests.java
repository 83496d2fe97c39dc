package dev.socketserver.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.Authentication;
import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.connection.IdentityTakeover;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.connection.SocketPrincipal;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.ssl.ServerSsl;
import dev.socketserver.ssl.SslEngineType;
import dev.socketserver.ssl.TestPki;
import io.netty.handler.ssl.ClientAuth;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The authentication phase over real sockets: a line protocol whose first line must be
 * {@code login <name> <secret>}.
 */
class AuthenticationTests {

	private static final String SECRET = "s3cret";

	@RegisterExtension
	static final ServerFixture servers = new ServerFixture();

	private final AtomicInteger opened = new AtomicInteger();

	private final AtomicInteger handled = new AtomicInteger();

	private final Queue<@Nullable String> identitiesAtOpen = new ConcurrentLinkedQueue<>();

	private final List<CloseReason> closes = new CopyOnWriteArrayList<>();

	/** Answers each line with what the handler knows about the connection, once authenticated. */
	private final SocketHandler<String> handler = new SocketHandler<>() {

		@Override
		public void onOpen(Connection connection) {
			AuthenticationTests.this.opened.incrementAndGet();
			AuthenticationTests.this.identitiesAtOpen.add(String.valueOf(connection.identity()));
		}

		@Override
		public void onMessage(Connection connection, String line) {
			AuthenticationTests.this.handled.incrementAndGet();
			if (line.startsWith("become ")) {
				try {
					connection.bindIdentity(line.substring(7));
					connection.offer("became");
				}
				catch (IllegalStateException ex) {
					connection.offer("refused");
				}
				return;
			}
			SocketPrincipal principal = connection.principal();
			connection.offer(line + " from " + connection.identity() + " "
					+ ((principal != null) ? principal.authorities() : "nobody"));
		}

		@Override
		public void onClose(Connection connection, CloseReason reason) {
			AuthenticationTests.this.closes.add(reason);
		}

	};

	/** {@code login <name> <secret>}; {@code hello} is asked to log in; anything else is rejected. */
	private static AuthenticationStep login(String line) {
		String[] words = line.split(" ");
		if (words.length == 3 && words[0].equals("login")) {
			return words[2].equals(SECRET)
					? AuthenticationStep.authenticated(SocketPrincipal.of(words[1], "chat"), "OK " + words[1])
					: AuthenticationStep.rejected("bad secret for " + words[1], "DENIED");
		}
		if (line.equals("hello")) {
			return AuthenticationStep.challenge("LOGIN FIRST");
		}
		return AuthenticationStep.rejected("not a login", "DENIED");
	}

	private SocketServer start(SocketAuthenticator<String> authenticator, UnaryOperator<Authentication> settings,
			ExecutionMode mode) {
		return servers.start(SocketServerConfig.builder("auth")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler(this.handler)
			.executionMode(mode)
			.authentication(settings.apply(Authentication.of(authenticator))));
	}

	private SocketServer start(UnaryOperator<Authentication> settings) {
		return start((connection, line) -> login(line), settings, ExecutionMode.EVENT_LOOP);
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void nothingReachesTheHandlerBeforeAuthentication(ExecutionMode mode) throws Exception {
		SocketServer server = start((connection, line) -> login(line), UnaryOperator.identity(), mode);
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("hello");
			assertThat(client.readLine()).isEqualTo("LOGIN FIRST");
			assertThat(server.connections().identities()).isEmpty();
			assertThat(this.opened).hasValue(0);
			client.write("login pump-7 s3cret\none\ntwo\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLine()).isEqualTo("OK pump-7");
			assertThat(client.readLine()).isEqualTo("one from pump-7 [chat]");
			assertThat(client.readLine()).isEqualTo("two from pump-7 [chat]");
		}
		assertThat(this.identitiesAtOpen).containsExactly("pump-7");
		assertThat(this.handled).hasValue(2);
		ConnectionStats stats = server.connections().stats();
		assertThat(stats.authenticated()).isEqualTo(1);
	}

	@Test
	void rejectionRepliesThenCloses() throws Exception {
		SocketServer server = start(UnaryOperator.identity());
		try (TestClient client = new TestClient(server.port())) {
			client.write("login pump-7 guess\nsmuggled\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLine()).isEqualTo("DENIED");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.AUTHENTICATION_FAILED)).isEqualTo(1));
		assertThat(this.handled).hasValue(0);
		assertThat(this.opened).hasValue(0);
		// The handler never opened, so it is not told of the close either.
		assertThat(this.closes).isEmpty();
	}

	@Test
	void aConnectionThatDoesNotAuthenticateInTimeIsClosed() throws Exception {
		SocketServer server = start((settings) -> settings.withTimeout(Duration.ofMillis(300)));
		try (TestClient silent = new TestClient(server.port()); TestClient asking = new TestClient(server.port())) {
			asking.writeLine("hello");
			assertThat(asking.readLine()).isEqualTo("LOGIN FIRST");
			assertThat(silent.isClosedByPeer()).isTrue();
			assertThat(asking.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.AUTHENTICATION_TIMEOUT)).isEqualTo(2));
		assertThat(this.opened).hasValue(0);
	}

	@Test
	void theDeadlineEndsWithAuthentication() throws Exception {
		SocketServer server = start((settings) -> settings.withTimeout(Duration.ofMillis(300)));
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("login pump-7 s3cret");
			assertThat(client.readLine()).isEqualTo("OK pump-7");
			// Opened later, so its deadline comes later: once it is closed, the first one's deadline has passed too.
			try (TestClient silent = new TestClient(server.port())) {
				assertThat(silent.isClosedByPeer()).isTrue();
			}
			ConnectionStats stats = server.connections().stats();
			await().untilAsserted(() -> assertThat(stats.closed(CloseReason.AUTHENTICATION_TIMEOUT)).isEqualTo(1));
			client.writeLine("still here");
			assertThat(client.readLine()).isEqualTo("still here from pump-7 [chat]");
		}
		assertThat(server.connections().stats().closed(CloseReason.AUTHENTICATION_TIMEOUT)).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void messagesPipelinedBehindASlowDecisionWaitForIt(ExecutionMode mode) throws Exception {
		CompletableFuture<AuthenticationStep> decision = new CompletableFuture<>();
		LinkedBlockingQueue<String> asked = new LinkedBlockingQueue<>();
		SocketServer server = start((connection, line) -> {
			asked.add(line);
			return AuthenticationStep.later(decision);
		}, UnaryOperator.identity(), mode);
		try (TestClient client = new TestClient(server.port())) {
			StringBuilder burst = new StringBuilder("login pump-7 s3cret\n");
			for (int i = 0; i < 200; i++) {
				burst.append("m").append(i).append('\n');
			}
			client.write(burst.toString().getBytes(StandardCharsets.UTF_8));
			assertThat(asked.poll(5, TimeUnit.SECONDS)).isEqualTo("login pump-7 s3cret");
			// Every line is on the server by now, or on its way: none may run before the decision.
			assertThat(this.handled).hasValue(0);
			assertThat(this.opened).hasValue(0);
			decision.complete(AuthenticationStep.authenticated(SocketPrincipal.of("pump-7"), "OK"));
			assertThat(client.readLine()).isEqualTo("OK");
			for (int i = 0; i < 200; i++) {
				assertThat(client.readLine()).isEqualTo("m" + i + " from pump-7 []");
			}
		}
		assertThat(asked).isEmpty();
		assertThat(this.handled).hasValue(200);
	}

	@Test
	void anAuthenticatorThatFailsClosesWithoutCountingAgainstThePeer() throws Exception {
		SocketServer server = start((connection, line) -> {
			if (line.equals("boom")) {
				throw new IllegalStateException("database down");
			}
			return AuthenticationStep.later(CompletableFuture.failedFuture(new IllegalStateException("timeout")));
		}, (settings) -> settings.withFailureBan(1, Duration.ofMinutes(1), Duration.ofMinutes(1)),
				ExecutionMode.EVENT_LOOP);
		for (String line : List.of("boom", "later")) {
			try (TestClient client = new TestClient(server.port())) {
				client.writeLine(line);
				assertThat(client.isClosedByPeer()).isTrue();
			}
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.AUTHENTICATION_FAILED)).isEqualTo(2));
		assertThat(stats.rejected(CloseReason.ACCESS_DENIED)).isZero();
	}

	@Test
	void repeatedFailuresRefuseTheAddressForAWhile() throws Exception {
		SocketServer server = start((settings) -> settings.withFailureBan(3, Duration.ofMinutes(1),
				Duration.ofMinutes(1)));
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
		InetAddress attacker = InetAddress.getByName("127.0.0.2");
		for (int i = 0; i < 3; i++) {
			try (TestClient client = new TestClient(address, attacker)) {
				client.writeLine("login pump-7 guess" + i);
				assertThat(client.readLine()).isEqualTo("DENIED");
				assertThat(client.isClosedByPeer()).isTrue();
			}
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.AUTHENTICATION_FAILED)).isEqualTo(3));
		try (TestClient refused = new TestClient(address, attacker)) {
			refused.writeLine("login pump-7 s3cret");
			assertThat(refused.isClosedByPeer()).isTrue();
		}
		await().untilAsserted(() -> assertThat(stats.rejected(CloseReason.ACCESS_DENIED)).isEqualTo(1));
		// Another address is not affected.
		try (TestClient other = new TestClient(address, InetAddress.getByName("127.0.0.3"))) {
			other.writeLine("login pump-7 s3cret");
			assertThat(other.readLine()).isEqualTo("OK pump-7");
		}
		assertThat(this.opened).hasValue(1);
	}

	@Test
	void keepBothLetsAPrincipalHaveTwoConnections() throws Exception {
		SocketServer server = start((settings) -> settings.withTakeover(IdentityTakeover.KEEP_BOTH));
		try (TestClient first = login(server, "pump-7"); TestClient second = login(server, "pump-7")) {
			assertThat(server.connections().connectionsOf("pump-7")).hasSize(2);
			assertThat(server.connections().sendToIdentity("pump-7", "hi")).isEqualTo(2);
			assertThat(first.readLine()).isEqualTo("hi");
			assertThat(second.readLine()).isEqualTo("hi");
		}
	}

	@Test
	void closeOlderReplacesTheFirstConnection() throws Exception {
		SocketServer server = start((settings) -> settings.withTakeover(IdentityTakeover.CLOSE_OLDER));
		try (TestClient first = login(server, "pump-7"); TestClient second = login(server, "pump-7")) {
			assertThat(first.isClosedByPeer()).isTrue();
			await().untilAsserted(() -> assertThat(this.closes).containsExactly(CloseReason.REPLACED));
			assertThat(server.connections().connectionsOf("pump-7")).hasSize(1);
			second.writeLine("ping");
			assertThat(second.readLine()).isEqualTo("ping from pump-7 [chat]");
		}
	}

	@Test
	void refuseNewerKeepsTheFirstConnection() throws Exception {
		SocketServer server = start((settings) -> settings.withTakeover(IdentityTakeover.REFUSE_NEWER));
		try (TestClient first = login(server, "pump-7"); TestClient second = new TestClient(server.port())) {
			second.writeLine("login pump-7 s3cret");
			assertThat(second.isClosedByPeer()).isTrue();
			ConnectionStats stats = server.connections().stats();
			await().untilAsserted(() -> assertThat(stats.closed(CloseReason.IDENTITY_IN_USE)).isEqualTo(1));
			first.writeLine("ping");
			assertThat(first.readLine()).isEqualTo("ping from pump-7 [chat]");
		}
		assertThat(this.opened).hasValue(1);
	}

	@Test
	void refuseNewerKeepsExactlyOneOfTwoConnectionsDecidedAtTheSameInstant() throws Exception {
		for (int attempt = 0; attempt < 20; attempt++) {
			CompletableFuture<AuthenticationStep> decision = new CompletableFuture<>();
			LinkedBlockingQueue<String> asked = new LinkedBlockingQueue<>();
			SocketServer server = start((connection, line) -> {
				asked.add(line);
				return AuthenticationStep.later(decision);
			}, (settings) -> settings.withTakeover(IdentityTakeover.REFUSE_NEWER), ExecutionMode.EVENT_LOOP);
			try (TestClient first = new TestClient(server.port()); TestClient second = new TestClient(server.port())) {
				first.writeLine("login pump-7 s3cret");
				second.writeLine("login pump-7 s3cret");
				assertThat(asked.poll(5, TimeUnit.SECONDS)).isNotNull();
				assertThat(asked.poll(5, TimeUnit.SECONDS)).isNotNull();
				// One decision for both: each connection applies it on its own event loop, at the same time.
				decision.complete(AuthenticationStep.authenticated(SocketPrincipal.of("pump-7"), "OK"));
				ConnectionStats stats = server.connections().stats();
				await().untilAsserted(() -> assertThat(stats.closed(CloseReason.IDENTITY_IN_USE)).isEqualTo(1));
				assertThat(server.connections().connectionsOf("pump-7")).hasSize(1);
			}
			server.stop();
		}
	}

	@Test
	void theIdentityIsThePrincipalsAndNoOther() throws Exception {
		SocketServer server = start(UnaryOperator.identity());
		try (TestClient client = login(server, "pump-7")) {
			client.writeLine("become pump-8");
			assertThat(client.readLine()).isEqualTo("refused");
			client.writeLine("become pump-7");
			assertThat(client.readLine()).isEqualTo("became");
		}
		assertThat(server.connections().identities()).doesNotContain("pump-8");
	}

	@Test
	void connectionsStillAuthenticatingAreNotReachable() throws Exception {
		SocketServer server = start(UnaryOperator.identity());
		try (TestClient waiting = new TestClient(server.port()); TestClient member = login(server, "pump-7")) {
			waiting.writeLine("hello");
			assertThat(waiting.readLine()).isEqualTo("LOGIN FIRST");
			Connection pending = server.connections()
				.stream()
				.filter((connection) -> connection.principal() == null)
				.findFirst()
				.orElseThrow();
			assertThatIllegalStateException().isThrownBy(() -> pending.join("room"));
			assertThatIllegalStateException().isThrownBy(() -> pending.bindIdentity("pump-9"));
			assertThat(server.connections().broadcast("news")).isEqualTo(1);
			assertThat(member.readLine()).isEqualTo("news");
			waiting.writeLine("login pump-8 s3cret");
			assertThat(waiting.readLine()).isEqualTo("OK pump-8");
		}
	}

	@Test
	void theClientCertificateNamesThePrincipal() throws Exception {
		for (ClientCertificateAuthenticator.Name name : ClientCertificateAuthenticator.Name.values()) {
			SocketServer server = servers.start(SocketServerConfig.builder("mtls")
				.address(InetAddress.getLoopbackAddress())
				.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.handler(this.handler)
				.ssl(ServerSsl.of(TestPki.serverContext(TestPki.server(1), SslEngineType.JDK, ClientAuth.REQUIRE)))
				.authentication(Authentication.of(new ClientCertificateAuthenticator<String>(name, Set.of("valve")))));
			InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
			try (TestClient client = new TestClient(TestPki.connect(address, TestPki.client("pump-9")))) {
				client.writeLine("ping");
				String expected = (name == ClientCertificateAuthenticator.Name.COMMON_NAME) ? "pump-9"
						: "pump-9.devices.example";
				assertThat(client.readLine()).isEqualTo("ping from " + expected + " [valve]");
			}
			server.stop();
		}
	}

	@Test
	void aConnectionWithoutClientCertificateIsRejected() throws Exception {
		SocketServer server = servers.start(SocketServerConfig.builder("mtls")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler(this.handler)
			.ssl(ServerSsl.of(TestPki.serverContext(TestPki.server(1), SslEngineType.JDK, ClientAuth.OPTIONAL)))
			.authentication(Authentication.of(new ClientCertificateAuthenticator<String>(
					ClientCertificateAuthenticator.Name.COMMON_NAME, Set.of()))));
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
		try (TestClient client = new TestClient(TestPki.connect(address, null))) {
			client.writeLine("ping");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.AUTHENTICATION_FAILED)).isEqualTo(1));
		assertThat(this.handled).hasValue(0);
	}

	private static TestClient login(SocketServer server, String name) throws Exception {
		TestClient client = new TestClient(server.port());
		client.writeLine("login " + name + " " + SECRET);
		assertThat(client.readLine()).isEqualTo("OK " + name);
		return client;
	}

	static InetAddress address(String name) {
		try {
			return InetAddress.getByName(name);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
