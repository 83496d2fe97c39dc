package dev.socketserver.autoconfigure.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.autoconfigure.LineClient;
import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.connection.SocketPrincipal;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AuthenticationManagerAuthenticator} with a real {@link ProviderManager} over a
 * {@link DaoAuthenticationProvider} and in-memory users, on a line server over real sockets: the first line is
 * {@code <user> <password>}.
 */
class AuthenticationManagerAuthenticatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class))
		.withUserConfiguration(PasswordsConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.servers.chat.port=0", "socket.servers.chat.auth.authenticator=passwords");

	@Test
	void goodCredentialsMakeTheUserTheConnectionsPrincipalWithItsAuthorities() {
		this.contextRunner.run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			try (LineClient client = LineClient.connect(server.port())) {
				assertThat(client.exchange("alice secret")).isEqualTo("WELCOME alice");
				assertThat(client.exchange("hello")).isEqualTo("alice: hello");
				Connection connection = server.connections().stream().findFirst().orElseThrow();
				SocketPrincipal principal = connection.principal();
				assertThat(principal.name()).isEqualTo("alice");
				// Spring Security 7 adds the factor the user proved (multi-factor authentication) as an authority.
				assertThat(principal.authorities()).containsExactlyInAnyOrder("ROLE_OPERATOR", "telemetry:write",
						"FACTOR_PASSWORD");
				assertThat(connection.identity()).isEqualTo("alice");
				Authentication authentication = (Authentication) principal.attributes()
					.get(AuthenticationManagerAuthenticator.AUTHENTICATION_ATTRIBUTE);
				assertThat(authentication.isAuthenticated()).isTrue();
				assertThat(authentication.getCredentials()).as("erased by the ProviderManager").isNull();
			}
		});
	}

	@Test
	void wrongPasswordIsAnsweredThenClosedAsAuthenticationFailed() {
		this.contextRunner.run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			Map<Integer, CloseReason> closed = context.getBean(ClosedConnections.class).reasons;
			for (String credentials : new String[] { "alice wrong", "mallory secret" }) {
				try (LineClient client = LineClient.connect(server.port())) {
					assertThat(client.exchange(credentials)).isEqualTo("DENIED");
					assertThat(client.isClosedByServer()).isTrue();
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(closed).containsEntry(client.localPort(),
								CloseReason.AUTHENTICATION_FAILED));
				}
			}
			assertThat(server.connections().stats().closed(CloseReason.AUTHENTICATION_FAILED)).isEqualTo(2);
		});
	}

	@Test
	void messagesPipelinedAfterTheCredentialsAreNotLost() {
		this.contextRunner.run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			try (LineClient client = LineClient.connect(server.port())) {
				client.send("alice secret\none\ntwo\nthree");
				assertThat(client.read()).isEqualTo("WELCOME alice");
				assertThat(client.read()).isEqualTo("alice: one");
				assertThat(client.read()).isEqualTo("alice: two");
				assertThat(client.read()).isEqualTo("alice: three");
			}
		});
	}

	@Test
	void messageWithoutCredentialsIsChallengedAndTheNextOneAuthenticates() {
		this.contextRunner.run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			try (LineClient client = LineClient.connect(server.port())) {
				assertThat(client.exchange("hello")).isEqualTo("LOGIN <user> <password>");
				assertThat(client.exchange("alice secret")).isEqualTo("WELCOME alice");
				assertThat(client.exchange("hello")).isEqualTo("alice: hello");
			}
		});
	}

	@Test
	void managerRunsOnTheExecutorNotOnTheEventLoop() {
		this.contextRunner.run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			try (LineClient client = LineClient.connect(server.port())) {
				assertThat(client.exchange("alice secret")).isEqualTo("WELCOME alice");
			}
			assertThat(context.getBean(PasswordsConfiguration.class).threads).singleElement()
				.asString()
				.startsWith("auth-");
		});
	}

	@Test
	void managerFailureClosesTheConnectionWithoutTheRejectionReply() {
		this.contextRunner.run((context) -> {
			SocketServer server = context.getBean(SocketServer.class);
			Map<Integer, CloseReason> closed = context.getBean(ClosedConnections.class).reasons;
			try (LineClient client = LineClient.connect(server.port())) {
				client.send("broken secret");
				assertThat(client.isClosedByServer()).isTrue();
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(closed).containsEntry(client.localPort(),
							CloseReason.AUTHENTICATION_FAILED));
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PasswordsConfiguration {

		final Queue<String> threads = new ConcurrentLinkedQueue<>();

		@Bean
		ExecutorService authenticationExecutor() {
			AtomicInteger count = new AtomicInteger();
			return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "auth-" + count.incrementAndGet()));
		}

		@Bean
		AuthenticationManager authenticationManager() {
			InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}secret").authorities("ROLE_OPERATOR", "telemetry:write")
						.build());
			ProviderManager manager = new ProviderManager(new DaoAuthenticationProvider(users));
			return (authentication) -> {
				this.threads.add(Thread.currentThread().getName());
				if ("broken".equals(authentication.getName())) {
					throw new IllegalStateException("user store is down");
				}
				return manager.authenticate(authentication);
			};
		}

		@Bean
		SocketAuthenticator<String> passwords(AuthenticationManager authenticationManager,
				ExecutorService authenticationExecutor) {
			return AuthenticationManagerAuthenticator.<String>of(authenticationManager, authenticationExecutor,
					(line) -> {
						String[] words = line.split(" ", 2);
						return (words.length == 2)
								? UsernamePasswordAuthenticationToken.unauthenticated(words[0], words[1]) : null;
					})
				.withReplies((principal) -> "WELCOME " + principal.name(), "DENIED")
				.withChallenge("LOGIN <user> <password>");
		}

		@Bean
		SocketHandler<String> chat() {
			return (connection, message) -> connection.send(connection.principal().name() + ": " + message);
		}

		@Bean
		ClosedConnections closedConnections() {
			return new ClosedConnections();
		}

	}

	/**
	 * Close reasons by the client's port.
	 */
	static class ClosedConnections implements ConnectionListener {

		final Map<Integer, CloseReason> reasons = new ConcurrentHashMap<>();

		@Override
		public void connectionClosed(Connection connection, CloseReason reason) {
			this.reasons.put(((InetSocketAddress) connection.remoteAddress()).getPort(), reason);
		}

	}

}
