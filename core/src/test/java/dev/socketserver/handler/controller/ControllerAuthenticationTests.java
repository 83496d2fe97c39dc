package dev.socketserver.handler.controller;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.Codec;
import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.codec.json.JsonCodec;
import dev.socketserver.connection.Authentication;
import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.SocketPrincipal;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.handler.annotation.AuthenticatedPrincipal;
import dev.socketserver.handler.annotation.Identity;
import dev.socketserver.handler.annotation.MessageType;
import dev.socketserver.handler.annotation.OnAuthenticate;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.OnOpen;
import dev.socketserver.handler.annotation.RequiresAuthority;
import dev.socketserver.server.SocketServerConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Controllers that authenticate ({@code @OnAuthenticate}), see who is connected ({@code @AuthenticatedPrincipal})
 * and require authorities ({@code @RequiresAuthority}), served by a real server over loopback, with the
 * authenticator on the event loop and on a handler pool.
 */
class ControllerAuthenticationTests {

	@RegisterExtension
	static final ServerFixture servers = new ServerFixture();

	private final JsonCodec json = JsonCodec.builder(JsonMapper.builder().build()).build();

	private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void messagesBeforeAuthenticationNeverReachMessageMethodsAndOpenRunsAfterIt(ExecutionMode mode)
			throws Exception {
		LoginController controller = new LoginController();
		try (TestClient client = new TestClient(start(mode, controller))) {
			client.writeLine("{\"type\":\"echo\",\"text\":\"too early\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"error\",\"text\":\"log in first\"}");
			client.writeLine("{\"type\":\"login\",\"name\":\"ada\",\"password\":\"secret\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"welcome\",\"text\":\"ada\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"opened\",\"text\":\"ada\"}");
			assertThat(controller.echoed).hasValue(0);
			client.writeLine("{\"type\":\"echo\",\"text\":\"now\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"echo\",\"text\":\"now\"}");
			assertThat(controller.echoed).hasValue(1);
			assertThat(controller.opened).containsExactly("ada");
		}
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void aRejectedConnectionIsSentTheReplyThenClosedAsFailedAuthentication(ExecutionMode mode) throws Exception {
		LoginController controller = new LoginController();
		try (TestClient client = new TestClient(start(mode, controller))) {
			client.writeLine("{\"type\":\"login\",\"name\":\"ada\",\"password\":\"guess\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"error\",\"text\":\"authentication failed\"}");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		assertThat(this.closed).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(CloseReason.AUTHENTICATION_FAILED);
		assertThat(controller.opened).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void messagesPipelinedBehindAPendingDecisionWaitForItAndArriveInOrder(ExecutionMode mode) throws Exception {
		AsyncLoginController controller = new AsyncLoginController();
		try (TestClient client = new TestClient(start(mode, controller))) {
			StringBuilder burst = new StringBuilder("{\"type\":\"login\",\"name\":\"ada\",\"password\":\"secret\"}\n");
			for (int i = 1; i <= 50; i++) {
				burst.append("{\"type\":\"echo\",\"text\":\"").append(i).append("\"}\n");
			}
			client.write(burst.toString().getBytes(StandardCharsets.UTF_8));
			await().until(() -> controller.decisions.size() == 1);
			controller.decided.set(true);
			controller.decisions.get(0).complete(AuthenticationStep
				.authenticated(SocketPrincipal.of("ada"), new Text("welcome", "ada")));
			assertThat(client.readLine()).isEqualTo("{\"type\":\"welcome\",\"text\":\"ada\"}");
			for (int i = 1; i <= 50; i++) {
				assertThat(client.readLine()).isEqualTo("{\"type\":\"echo\",\"text\":\"" + i + "\"}");
			}
		}
		assertThat(controller.decisions).hasSize(1);
		assertThat(controller.echoedBeforeTheDecision).hasValue(0);
	}

	@Test
	void theAuthenticatedPrincipalIsBoundAsPrincipalOrAsItsName() throws Exception {
		try (TestClient client = new TestClient(start(ExecutionMode.EVENT_LOOP, new LoginController()))) {
			login(client, "ada", "valve:read");
			client.writeLine("{\"type\":\"whoami\"}");
			assertThat(client.readLine())
				.isEqualTo("{\"type\":\"whoami\",\"text\":\"ada ada ada [valve:read]\"}");
		}
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void aMessageWithoutTheRequiredAuthorityIsAnsweredAndNotHandledAndTheConnectionStaysOpen(ExecutionMode mode)
			throws Exception {
		LoginController controller = new LoginController();
		int port = start(mode, controller);
		try (TestClient client = new TestClient(port)) {
			login(client, "ada", "valve:read");
			client.writeLine("{\"type\":\"write\"}");
			assertThat(client.readLine())
				.isEqualTo("{\"type\":\"error\",\"error\":\"forbidden\",\"authority\":\"valve:write\"}");
			assertThat(controller.written).hasValue(0);
			client.writeLine("{\"type\":\"echo\",\"text\":\"still here\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"echo\",\"text\":\"still here\"}");
		}
		try (TestClient client = new TestClient(port)) {
			login(client, "bob", "valve:write");
			client.writeLine("{\"type\":\"write\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"written\",\"text\":\"bob\"}");
			assertThat(controller.written).hasValue(1);
		}
	}

	@Test
	void anAuthorityOnTheControllerClassAppliesToItsMethodsUnlessTheyRequireTheirOwn() throws Exception {
		ControllerHandler handler = ControllerHandler.builder("admin")
			.codec(this.json)
			.controller(new LoginController())
			.controller(new AdminController())
			.build();
		assertThat(handler.requiresAuthority()).isTrue();
		int port = servers.start(SocketServerConfig.builder("admin")
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.codec(this.json)
			.handler(handler)
			.authentication(Authentication.of(handler.authenticator()))).port();
		try (TestClient client = new TestClient(port)) {
			login(client, "ada", "audit");
			client.writeLine("{\"type\":\"reset\"}");
			assertThat(client.readLine())
				.isEqualTo("{\"type\":\"error\",\"error\":\"forbidden\",\"authority\":\"admin\"}");
			client.writeLine("{\"type\":\"audit\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"audit\",\"text\":\"ada\"}");
		}
		try (TestClient client = new TestClient(port)) {
			login(client, "root", "admin");
			client.writeLine("{\"type\":\"reset\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"reset\",\"text\":\"root\"}");
			client.writeLine("{\"type\":\"audit\"}");
			assertThat(client.readLine())
				.isEqualTo("{\"type\":\"error\",\"error\":\"forbidden\",\"authority\":\"audit\"}");
		}
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void aForbiddenMessageClosesTheConnectionWhenTheServerSaysSo(ExecutionMode mode) throws Exception {
		LoginController controller = new LoginController();
		int port = servers.start(config(mode, controller,
				(builder) -> builder.authentication((auth) -> auth.withCloseWhenForbidden(true))))
			.port();
		try (TestClient client = new TestClient(port)) {
			login(client, "ada");
			client.writeLine("{\"type\":\"write\"}");
			assertThat(client.readLine())
				.isEqualTo("{\"type\":\"error\",\"error\":\"forbidden\",\"authority\":\"valve:write\"}");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		assertThat(this.closed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(CloseReason.FORBIDDEN);
		assertThat(controller.written).hasValue(0);
	}

	@Test
	void errorLinesAnswerForbiddenCommands() throws Exception {
		Codec<String> codec = MessageCodec.of(new LineFraming(256, LineDelimiter.LF),
				PayloadCodec.string(StandardCharsets.UTF_8));
		ControllerHandler handler = ControllerHandler.builder("lines")
			.messageType(String.class)
			.replyType(String.class)
			.typeResolver(MessageTypeResolver.firstWord())
			.errorReplies(ErrorReplies.lines())
			.controller(new LineController())
			.build();
		int port = servers.start(SocketServerConfig.builder("lines")
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.codec(codec)
			.handler(handler)
			.authentication(Authentication.of(handler.authenticator()))).port();
		try (TestClient client = new TestClient(port)) {
			client.writeLine("LOGIN ada");
			assertThat(client.readLine()).isEqualTo("OK ada");
			client.writeLine("SHUTDOWN now");
			assertThat(client.readLine()).isEqualTo("ERR forbidden server:admin");
			client.writeLine("PING");
			assertThat(client.readLine()).isEqualTo("PONG");
		}
	}

	@Test
	void anAuthenticationPayloadThatCannotBeBoundIsAnsweredAndMayBeRetried() throws Exception {
		try (TestClient client = new TestClient(start(ExecutionMode.EVENT_LOOP, new LoginController()))) {
			client.writeLine("{\"type\":\"login\",\"name\":{\"first\":\"ada\"},\"password\":\"secret\"}");
			assertThat(client.readLine()).isEqualTo("{\"type\":\"error\",\"error\":\"invalid payload\","
					+ "\"violations\":[{\"field\":\"name\",\"message\":\"invalid value\"}]}");
			login(client, "ada");
		}
	}

	@Test
	void anAuthenticationMethodReturningNullClosesTheConnection() throws Exception {
		Object controller = new Object() {

			@OnAuthenticate
			@Nullable AuthenticationStep authenticate() {
				return null;
			}

			@OnMessage
			void any() {
			}

		};
		try (TestClient client = new TestClient(start(ExecutionMode.EVENT_LOOP, controller))) {
			client.writeLine("{\"type\":\"login\"}");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		assertThat(this.closed).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(CloseReason.AUTHENTICATION_FAILED);
	}

	@Test
	void controllersWithoutAuthenticationHaveNoAuthenticator() {
		ControllerHandler handler = ControllerHandler.builder("plain")
			.codec(this.json)
			.controller(new Object() {

				@OnMessage
				void any(@AuthenticatedPrincipal @Nullable String name) {
				}

			})
			.build();
		assertThat(handler.authenticator()).isNull();
		assertThat(handler.requiresAuthority()).isFalse();
	}

	@Test
	void twoAuthenticationMethodsAreRefusedNamingBoth() {
		Object other = new Object() {

			@OnAuthenticate
			AuthenticationStep second() {
				return AuthenticationStep.challenge(null);
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("twice")
				.codec(this.json)
				.controller(new LoginController())
				.controller(other)
				.build())
			.withMessageContaining("two @OnAuthenticate methods")
			.withMessageContaining("LoginController.authenticate()")
			.withMessageContaining(".second()");
	}

	@Test
	void anAuthenticationMethodThatReturnsNoStepIsRefused() {
		Object controller = new Object() {

			@OnAuthenticate
			String authenticate(String message) {
				return message;
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("bad").codec(this.json).controller(controller).build())
			.withMessageContaining("returns String; an @OnAuthenticate method must return AuthenticationStep or "
					+ "CompletionStage<AuthenticationStep>");
	}

	@Test
	void anAuthenticationMethodWhoseStageCompletesWithNoStepIsRefused() {
		Object controller = new Object() {

			@OnAuthenticate
			CompletionStage<String> authenticate() {
				return CompletableFuture.completedFuture("yes");
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("bad").codec(this.json).controller(controller).build())
			.withMessageContaining("returns CompletionStage<String>; an @OnAuthenticate method must return");
	}

	@Test
	void anAuthorityOnAMethodThatHandlesNoMessagesIsRefused() {
		Object controller = new Object() {

			@OnOpen
			@RequiresAuthority("valve:write")
			void opened() {
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("bad").codec(this.json).controller(controller).build())
			.withMessageContaining("is annotated @RequiresAuthority, which only @OnMessage and @Fallback methods "
					+ "take (it is @OnOpen)");
	}

	@Test
	void aPrincipalParameterOfAnotherTypeIsRefused() {
		Object controller = new Object() {

			@OnMessage
			void any(@AuthenticatedPrincipal Integer principal) {
			}

		};
		assertThatExceptionOfType(ControllerDefinitionException.class)
			.isThrownBy(() -> ControllerHandler.builder("bad").codec(this.json).controller(controller).build())
			.withMessageContaining("binds @AuthenticatedPrincipal to Integer; it must be SocketPrincipal, or String");
	}

	private static void login(TestClient client, String name, String... authorities) throws Exception {
		String grants = (authorities.length > 0) ? ",\"grants\":[\"" + String.join("\",\"", authorities) + "\"]"
				: "";
		client.writeLine("{\"type\":\"login\",\"name\":\"" + name + "\",\"password\":\"secret\"" + grants + "}");
		assertThat(client.readLine()).isEqualTo("{\"type\":\"welcome\",\"text\":\"" + name + "\"}");
		assertThat(client.readLine()).isEqualTo("{\"type\":\"opened\",\"text\":\"" + name + "\"}");
	}

	private int start(ExecutionMode mode, Object controller) {
		return servers.start(config(mode, controller, UnaryOperator.identity())).port();
	}

	private SocketServerConfig.Builder config(ExecutionMode mode, Object controller,
			UnaryOperator<SocketServerConfig.Builder> settings) {
		ControllerHandler handler = ControllerHandler.builder("auth").codec(this.json).controller(controller).build();
		CompletableFuture<CloseReason> closed = this.closed;
		return settings.apply(SocketServerConfig.builder("auth-" + mode)
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.codec(this.json)
			.handler(handler)
			.executionMode(mode)
			.listener(new ConnectionListener() {

				@Override
				public void connectionClosed(Connection connection, CloseReason reason) {
					closed.complete(reason);
				}

			})
			.authentication(Authentication.of(handler.authenticator())));
	}

	record Login(String name, String password, @Nullable List<String> grants) {
	}

	record Text(String type, String text) {
	}

	static class LoginController {

		final AtomicInteger echoed = new AtomicInteger();

		final AtomicInteger written = new AtomicInteger();

		final List<String> opened = new CopyOnWriteArrayList<>();

		@OnAuthenticate
		AuthenticationStep authenticate(@MessageType String type, Login login) {
			if (!"login".equals(type)) {
				return AuthenticationStep.challenge(new Text("error", "log in first"));
			}
			if (!"secret".equals(login.password())) {
				return AuthenticationStep.rejected("bad password for " + login.name(),
						new Text("error", "authentication failed"));
			}
			List<String> grants = (login.grants() != null) ? login.grants() : List.of();
			return AuthenticationStep.authenticated(SocketPrincipal.of(login.name(), grants.toArray(String[]::new)),
					new Text("welcome", login.name()));
		}

		@OnOpen
		Text opened(SocketPrincipal principal) {
			this.opened.add(principal.name());
			return new Text("opened", principal.name());
		}

		@OnMessage("echo")
		Text echo(Text text) {
			this.echoed.incrementAndGet();
			return text;
		}

		@OnMessage("whoami")
		Text whoami(@AuthenticatedPrincipal String name, @AuthenticatedPrincipal SocketPrincipal principal,
				SocketPrincipal unannotated, @Identity String identity) {
			return new Text("whoami", name + " " + unannotated.name() + " " + identity + " "
					+ principal.authorities());
		}

		@OnMessage("write")
		@RequiresAuthority("valve:write")
		Text write(@AuthenticatedPrincipal String name) {
			this.written.incrementAndGet();
			return new Text("written", name);
		}

	}

	@RequiresAuthority("admin")
	static class AdminController {

		@OnMessage("reset")
		Text reset(@AuthenticatedPrincipal String name) {
			return new Text("reset", name);
		}

		@OnMessage("audit")
		@RequiresAuthority("audit")
		Text audit(@AuthenticatedPrincipal String name) {
			return new Text("audit", name);
		}

	}

	static class AsyncLoginController {

		final List<CompletableFuture<AuthenticationStep>> decisions = new CopyOnWriteArrayList<>();

		final AtomicBoolean decided = new AtomicBoolean();

		final AtomicInteger echoedBeforeTheDecision = new AtomicInteger();

		@OnAuthenticate
		CompletionStage<AuthenticationStep> authenticate(Login login) {
			CompletableFuture<AuthenticationStep> decision = new CompletableFuture<>();
			this.decisions.add(decision);
			return decision;
		}

		@OnMessage("echo")
		Text echo(Text text) {
			if (!this.decided.get()) {
				this.echoedBeforeTheDecision.incrementAndGet();
			}
			return text;
		}

	}

	static class LineController {

		@OnAuthenticate
		AuthenticationStep login(String line) {
			if (!line.startsWith("LOGIN ")) {
				return AuthenticationStep.challenge("ERR log in first");
			}
			String name = line.substring("LOGIN ".length());
			return AuthenticationStep.authenticated(SocketPrincipal.of(name), "OK " + name);
		}

		@OnMessage("SHUTDOWN")
		@RequiresAuthority("server:admin")
		String shutdown() {
			return "BYE";
		}

		@OnMessage("PING")
		String ping() {
			return "PONG";
		}

	}

}
