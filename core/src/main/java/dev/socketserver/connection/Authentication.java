package dev.socketserver.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * How a server authenticates its connections: who decides, how long a connection may take to prove who it is,
 * what a second connection of the same principal does, and how repeated failures from one address are stopped.
 *
 * @param authenticator who decides
 * @param timeout how long a connection may stay unauthenticated before it is closed with
 * {@link CloseReason#AUTHENTICATION_TIMEOUT}; zero for never
 * @param takeover what a second connection of an authenticated principal does
 * @param maxFailures failed authentications from one address, within the failure window, after which the address
 * is refused for the ban duration; 0 for never
 * @param failureWindow how long failures are remembered
 * @param banDuration how long an address is refused once it reached the failures
 * @param trackedAddresses how many addresses the failure table remembers at most (its memory is fixed)
 * @param closeWhenForbidden whether a message its principal is not allowed to send closes the connection with
 * {@link CloseReason#FORBIDDEN}, instead of being refused with an error reply
 * @since 0.1.0
 */
public record Authentication(SocketAuthenticator<?> authenticator, Duration timeout, IdentityTakeover takeover,
		int maxFailures, Duration failureWindow, Duration banDuration, int trackedAddresses,
		boolean closeWhenForbidden) {

	/**
	 * Validates the settings.
	 */
	public Authentication {
		Objects.requireNonNull(authenticator, "'authenticator' must not be null");
		Objects.requireNonNull(timeout, "'timeout' must not be null");
		Objects.requireNonNull(takeover, "'takeover' must not be null");
		Objects.requireNonNull(failureWindow, "'failureWindow' must not be null");
		Objects.requireNonNull(banDuration, "'banDuration' must not be null");
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("'timeout' must not be negative");
		}
		if (maxFailures < 0) {
			throw new IllegalArgumentException("'maxFailures' must not be negative");
		}
		if (maxFailures > 0 && (!isPositive(failureWindow) || !isPositive(banDuration))) {
			throw new IllegalArgumentException("'failureWindow' and 'banDuration' must be positive");
		}
		if (trackedAddresses < 4) {
			throw new IllegalArgumentException("'trackedAddresses' must be at least 4");
		}
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	/**
	 * Authentication by an authenticator, with the defaults: 10 seconds to authenticate, connections of one
	 * principal kept side by side, an address refused for 5 minutes after 5 failures within a minute (4,096
	 * addresses tracked), and refused messages answered rather than closed.
	 * @param authenticator who decides
	 * @return the settings
	 */
	public static Authentication of(SocketAuthenticator<?> authenticator) {
		return new Authentication(authenticator, Duration.ofSeconds(10), IdentityTakeover.KEEP_BOTH, 5,
				Duration.ofMinutes(1), Duration.ofMinutes(5), 4096, false);
	}

	/**
	 * Returns these settings with another timeout.
	 * @param timeout how long a connection may stay unauthenticated; zero for never
	 * @return the changed settings
	 */
	public Authentication withTimeout(Duration timeout) {
		return new Authentication(this.authenticator, timeout, this.takeover, this.maxFailures, this.failureWindow,
				this.banDuration, this.trackedAddresses, this.closeWhenForbidden);
	}

	/**
	 * Returns these settings with another takeover policy.
	 * @param takeover what a second connection of a principal does
	 * @return the changed settings
	 */
	public Authentication withTakeover(IdentityTakeover takeover) {
		return new Authentication(this.authenticator, this.timeout, takeover, this.maxFailures, this.failureWindow,
				this.banDuration, this.trackedAddresses, this.closeWhenForbidden);
	}

	/**
	 * Returns these settings with another brute-force protection.
	 * @param maxFailures failures from one address within the window that ban it; 0 for never
	 * @param failureWindow how long failures are remembered
	 * @param banDuration how long a banned address is refused
	 * @return the changed settings
	 */
	public Authentication withFailureBan(int maxFailures, Duration failureWindow, Duration banDuration) {
		return new Authentication(this.authenticator, this.timeout, this.takeover, maxFailures, failureWindow,
				banDuration, this.trackedAddresses, this.closeWhenForbidden);
	}

	/**
	 * Returns these settings with another size of the failure table.
	 * @param trackedAddresses how many addresses it remembers at most
	 * @return the changed settings
	 */
	public Authentication withTrackedAddresses(int trackedAddresses) {
		return new Authentication(this.authenticator, this.timeout, this.takeover, this.maxFailures,
				this.failureWindow, this.banDuration, trackedAddresses, this.closeWhenForbidden);
	}

	/**
	 * Returns these settings with refused messages closing the connection, or not.
	 * @param closeWhenForbidden whether a forbidden message closes the connection
	 * @return the changed settings
	 */
	public Authentication withCloseWhenForbidden(boolean closeWhenForbidden) {
		return new Authentication(this.authenticator, this.timeout, this.takeover, this.maxFailures,
				this.failureWindow, this.banDuration, this.trackedAddresses, closeWhenForbidden);
	}

}
