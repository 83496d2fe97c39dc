package dev.socketserver.connection;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link SocketAuthenticator} decides about a connection: authenticated, rejected, asked for more, or
 * decided later. Replies are messages of a type the server's codec encodes.
 *
 * @since 0.1.0
 */
public sealed interface AuthenticationStep {

	/**
	 * The connection is the principal: it is served from now on.
	 * @param principal who it is
	 * @return the step
	 */
	static AuthenticationStep authenticated(SocketPrincipal principal) {
		return new Authenticated(principal, null);
	}

	/**
	 * The connection is the principal, and is told so.
	 * @param principal who it is
	 * @param reply what to send before anything else, or {@code null}
	 * @return the step
	 */
	static AuthenticationStep authenticated(SocketPrincipal principal, @Nullable Object reply) {
		return new Authenticated(principal, reply);
	}

	/**
	 * The connection failed to prove who it is: it is closed, and the failure counts against its address.
	 * @param reason why, for the log
	 * @return the step
	 */
	static AuthenticationStep rejected(String reason) {
		return new Rejected(reason, null);
	}

	/**
	 * The connection failed to prove who it is: it is sent a reply, then closed.
	 * @param reason why, for the log (not sent)
	 * @param reply what to send before closing, or {@code null}
	 * @return the step
	 */
	static AuthenticationStep rejected(String reason, @Nullable Object reply) {
		return new Rejected(reason, reply);
	}

	/**
	 * More is needed: a reply (a challenge, a prompt) is sent and the next message is authenticated in turn.
	 * @param reply what to send, or {@code null}
	 * @return the step
	 */
	static AuthenticationStep challenge(@Nullable Object reply) {
		return new Challenge(reply);
	}

	/**
	 * The decision takes time (a database, a token service): the connection's reads pause until it completes. A
	 * failed stage closes the connection as not authenticated without counting against the peer.
	 * @param decision the step to come
	 * @return the step
	 */
	static AuthenticationStep later(CompletionStage<? extends AuthenticationStep> decision) {
		return new Later(decision);
	}

	/**
	 * The connection is authenticated.
	 *
	 * @param principal who it is
	 * @param reply what to send first, or {@code null}
	 */
	record Authenticated(SocketPrincipal principal, @Nullable Object reply) implements AuthenticationStep {

		/**
		 * Validates the step.
		 */
		public Authenticated {
			Objects.requireNonNull(principal, "'principal' must not be null");
		}

	}

	/**
	 * The connection is refused.
	 *
	 * @param reason why, for the log
	 * @param reply what to send before closing, or {@code null}
	 */
	record Rejected(String reason, @Nullable Object reply) implements AuthenticationStep {

		/**
		 * Validates the step.
		 */
		public Rejected {
			Objects.requireNonNull(reason, "'reason' must not be null");
		}

	}

	/**
	 * The connection is asked for more.
	 *
	 * @param reply what to send, or {@code null}
	 */
	record Challenge(@Nullable Object reply) implements AuthenticationStep {

	}

	/**
	 * The decision is to come.
	 *
	 * @param decision the step to come
	 */
	record Later(CompletionStage<? extends AuthenticationStep> decision) implements AuthenticationStep {

		/**
		 * Validates the step.
		 */
		public Later {
			Objects.requireNonNull(decision, "'decision' must not be null");
		}

	}

}
