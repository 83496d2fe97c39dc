package dev.socketserver.autoconfigure.security;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.Assert;

/**
 * {@link SocketAuthenticator} that has a Spring Security {@link AuthenticationManager} check the credentials a
 * connection sends first, such as a user name and password or a bearer token. The manager runs on an executor,
 * never on the event loop, since it may query a database or a token service; the connection's reads pause in
 * the meantime, so messages sent right after the credentials wait and are not lost.
 * <p>
 * The connection's principal is named after {@link Authentication#getName()} and holds its granted authorities,
 * including the factors Spring Security 7 records (such as {@code FACTOR_PASSWORD}).
 * The Spring Security {@link Authentication} itself is the principal's attribute
 * {@value #AUTHENTICATION_ATTRIBUTE}, for details such as a token's claims; a {@code ProviderManager} erases its
 * credentials once authenticated.
 *
 * <pre class="code">
 * &#64;Bean
 * SocketAuthenticator&lt;String&gt; passwords(AuthenticationManager manager, Executor applicationTaskExecutor) {
 *     return AuthenticationManagerAuthenticator.&lt;String&gt;of(manager, applicationTaskExecutor, (line) -&gt; {
 *             String[] words = line.split(" ", 2);
 *             return (words.length == 2)
 *                     ? UsernamePasswordAuthenticationToken.unauthenticated(words[0], words[1]) : null;
 *         })
 *         .withReplies((principal) -&gt; "WELCOME " + principal.name(), "DENIED");
 * }
 * </pre>
 *
 * @param <T> the type of the server's messages
 * @since 0.1.0
 */
public final class AuthenticationManagerAuthenticator<T> implements SocketAuthenticator<T> {

	/**
	 * Name of the principal's attribute holding the Spring Security {@link Authentication}.
	 */
	public static final String AUTHENTICATION_ATTRIBUTE = "authentication";

	private final AuthenticationManager manager;

	private final Executor executor;

	private final Function<? super T, ? extends @Nullable Authentication> credentials;

	private final Function<? super SocketPrincipal, ? extends @Nullable Object> welcome;

	private final @Nullable Object rejection;

	private final @Nullable Object challenge;

	private AuthenticationManagerAuthenticator(AuthenticationManager manager, Executor executor,
			Function<? super T, ? extends @Nullable Authentication> credentials,
			Function<? super SocketPrincipal, ? extends @Nullable Object> welcome, @Nullable Object rejection,
			@Nullable Object challenge) {
		this.manager = manager;
		this.executor = executor;
		this.credentials = credentials;
		this.welcome = welcome;
		this.rejection = rejection;
		this.challenge = challenge;
	}

	/**
	 * Creates an authenticator that sends no replies: an authenticated connection is served, a rejected one is
	 * closed, and a message without credentials is ignored while the connection waits for one with them.
	 * @param <T> the type of the server's messages
	 * @param manager what checks the credentials
	 * @param executor where the manager runs
	 * @param credentials reads the credentials of a message, such as
	 * {@code UsernamePasswordAuthenticationToken.unauthenticated(user, password)}, or returns {@code null} when it
	 * has none; it is called at once, before the message is released, and must not block
	 * @return the authenticator
	 */
	public static <T> AuthenticationManagerAuthenticator<T> of(AuthenticationManager manager, Executor executor,
			Function<? super T, ? extends @Nullable Authentication> credentials) {
		Assert.notNull(manager, "'manager' must not be null");
		Assert.notNull(executor, "'executor' must not be null");
		Assert.notNull(credentials, "'credentials' must not be null");
		return new AuthenticationManagerAuthenticator<>(manager, executor, credentials, (principal) -> null, null,
				null);
	}

	/**
	 * Returns this authenticator with replies to the connection's credentials.
	 * @param welcome what to send an authenticated connection, or {@code null} to send nothing
	 * @param rejection what to send a rejected connection before it is closed, or {@code null}
	 * @return the changed authenticator
	 */
	public AuthenticationManagerAuthenticator<T> withReplies(
			Function<? super SocketPrincipal, ? extends @Nullable Object> welcome, @Nullable Object rejection) {
		Assert.notNull(welcome, "'welcome' must not be null");
		return new AuthenticationManagerAuthenticator<>(this.manager, this.executor, this.credentials, welcome,
				rejection, this.challenge);
	}

	/**
	 * Returns this authenticator with a reply to messages without credentials, such as a prompt or an error; the
	 * connection may send credentials after it, within the server's authentication timeout.
	 * @param challenge what to send, or {@code null} to send nothing
	 * @return the changed authenticator
	 */
	public AuthenticationManagerAuthenticator<T> withChallenge(@Nullable Object challenge) {
		return new AuthenticationManagerAuthenticator<>(this.manager, this.executor, this.credentials, this.welcome,
				this.rejection, challenge);
	}

	@Override
	public AuthenticationStep authenticate(Connection connection, T message) {
		Authentication request = this.credentials.apply(message);
		if (request == null) {
			return AuthenticationStep.challenge(this.challenge);
		}
		return AuthenticationStep.later(CompletableFuture.supplyAsync(() -> decide(request), this.executor));
	}

	private AuthenticationStep decide(Authentication request) {
		Authentication result;
		try {
			result = this.manager.authenticate(request);
		}
		catch (AuthenticationException ex) {
			String reason = Objects.requireNonNullElse(ex.getMessage(), ex.getClass().getSimpleName());
			return AuthenticationStep.rejected(reason, this.rejection);
		}
		if (result == null || !result.isAuthenticated()) {
			return AuthenticationStep.rejected("not authenticated by " + this.manager, this.rejection);
		}
		SocketPrincipal principal = principal(result);
		return AuthenticationStep.authenticated(principal, this.welcome.apply(principal));
	}

	private static SocketPrincipal principal(Authentication authentication) {
		Set<String> authorities = new LinkedHashSet<>();
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			String authority = granted.getAuthority();
			if (authority != null) {
				authorities.add(authority);
			}
		}
		return new SocketPrincipal(authentication.getName(), authorities,
				Map.of(AUTHENTICATION_ATTRIBUTE, authentication));
	}

	@Override
	public String toString() {
		return "Spring Security " + this.manager.getClass().getSimpleName();
	}

}
