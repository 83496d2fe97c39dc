package dev.socketserver.test.assertj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketPrincipal;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a server's {@link Connection}. A close happens on the connection's event loop, after
 * what triggered it, so {@link #isClosed()} and {@link #isClosedWith(CloseReason)} wait for it, up to five
 * seconds unless {@linkplain #within(Duration) told otherwise}; the other assertions check the state at once,
 * which a reply from the handler has settled.
 * <pre class="code">
 * assertThat(client.serverConnection()).hasIdentity("alice").isMemberOf("lobby");
 * </pre>
 *
 * @since 0.1.0
 */
public class ConnectionAssert extends AbstractAssert<ConnectionAssert, Connection> {

	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * Creates assertions on a connection.
	 * @param actual the connection
	 */
	public ConnectionAssert(@Nullable Connection actual) {
		super(actual, ConnectionAssert.class);
	}

	/**
	 * Sets how long {@link #isClosed()} and {@link #isClosedWith(CloseReason)} wait for the close.
	 * @param timeout the longest wait
	 * @return this assertion
	 */
	public ConnectionAssert within(Duration timeout) {
		this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
		return this;
	}

	/**
	 * Verifies that the connection is open.
	 * @return this assertion
	 */
	public ConnectionAssert isOpen() {
		isNotNull();
		if (!this.actual.isOpen()) {
			failWithMessage("Expected %s to be open, but it was closed with %s", describe(), this.actual.closeReason());
		}
		return this;
	}

	/**
	 * Verifies that the connection is closed, or closes within the timeout, for whatever reason.
	 * @return this assertion
	 */
	public ConnectionAssert isClosed() {
		isNotNull();
		awaitClose();
		return this;
	}

	/**
	 * Verifies that the connection is closed, or closes within the timeout, for the given reason.
	 * @param reason the expected reason
	 * @return this assertion
	 */
	public ConnectionAssert isClosedWith(CloseReason reason) {
		isNotNull();
		CloseReason actual = awaitClose();
		if (actual != reason) {
			failWithMessage("Expected %s to be closed with %s (%s), but it was closed with %s (%s)", describe(),
					reason.name(), reason, actual.name(), actual);
		}
		return this;
	}

	/**
	 * Verifies that the connection is bound to the given identity.
	 * @param identity the expected identity
	 * @return this assertion
	 */
	public ConnectionAssert hasIdentity(String identity) {
		isNotNull();
		if (!identity.equals(this.actual.identity())) {
			failWithMessage("Expected %s to have identity \"%s\", but it has %s", describe(), identity,
					quoted(this.actual.identity()));
		}
		return this;
	}

	/**
	 * Verifies that the connection is bound to no identity.
	 * @return this assertion
	 */
	public ConnectionAssert hasNoIdentity() {
		isNotNull();
		if (this.actual.identity() != null) {
			failWithMessage("Expected %s to have no identity, but it has \"%s\"", describe(), this.actual.identity());
		}
		return this;
	}

	/**
	 * Verifies that the connection is a member of every given group, and maybe of others.
	 * @param groups the groups
	 * @return this assertion
	 */
	public ConnectionAssert isMemberOf(String... groups) {
		isNotNull();
		Set<String> actual = this.actual.groups();
		List<String> missing = new ArrayList<>();
		for (String group : groups) {
			if (!actual.contains(group)) {
				missing.add(group);
			}
		}
		if (!missing.isEmpty()) {
			failWithMessage("Expected %s to be a member of %s, but it is not of %s; its groups: %s", describe(),
					Arrays.toString(groups), missing, actual);
		}
		return this;
	}

	/**
	 * Verifies that the connection is not a member of the given group.
	 * @param group the group
	 * @return this assertion
	 */
	public ConnectionAssert isNotMemberOf(String group) {
		isNotNull();
		if (this.actual.groups().contains(group)) {
			failWithMessage("Expected %s not to be a member of \"%s\"; its groups: %s", describe(), group,
					this.actual.groups());
		}
		return this;
	}

	/**
	 * Verifies that the connection authenticated as a principal of the given name.
	 * @param name the principal's name
	 * @return this assertion
	 */
	public ConnectionAssert hasPrincipal(String name) {
		isNotNull();
		SocketPrincipal principal = this.actual.principal();
		if (principal == null) {
			failWithMessage("Expected %s to have authenticated as \"%s\", but it has no principal", describe(), name);
		}
		else if (!name.equals(principal.name())) {
			failWithMessage("Expected %s to have authenticated as \"%s\", but it is \"%s\"", describe(), name,
					principal.name());
		}
		return this;
	}

	private CloseReason awaitClose() {
		try {
			return this.actual.closeFuture().toCompletableFuture().get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw failure("Expected %s to be closed within %s, but it is still open", describe(), this.timeout);
		}
		catch (ExecutionException ex) {
			throw failure("Expected %s to be closed, but its close failed: %s", describe(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("Interrupted while waiting for %s to close", describe());
		}
	}

	private String describe() {
		return "connection " + this.actual.id() + " of socket server '" + this.actual.serverName() + "' (from "
				+ this.actual.remoteAddress() + ")";
	}

	private static String quoted(@Nullable String value) {
		return (value != null) ? "\"" + value + "\"" : "none";
	}

}
