package dev.socketserver.handler.controller;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketAuthenticator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SocketAuthenticator} made of a controller's {@code @OnAuthenticate} method: what the method returns is
 * the step, a {@link CompletionStage} becoming {@link AuthenticationStep#later}.
 * <p>
 * A message the method cannot take (its payload could not be bound or failed validation, now or in the returned
 * stage) is a malformed attempt rather than a wrong credential: with error replies the connection is answered
 * with the invalid-payload reply as a {@link AuthenticationStep#challenge challenge} and may try again until its
 * authentication timeout; without, nothing could tell the client what was wrong, so it is
 * {@link AuthenticationStep#rejected rejected}.
 */
final class ControllerAuthenticator implements SocketAuthenticator<Object> {

	private static final Logger logger = LoggerFactory.getLogger(ControllerAuthenticator.class);

	private final String serverName;

	private final HandlerMethod method;

	private final @Nullable ErrorReplies errorReplies;

	ControllerAuthenticator(String serverName, HandlerMethod method, @Nullable ErrorReplies errorReplies) {
		this.serverName = serverName;
		this.method = method;
		this.errorReplies = errorReplies;
	}

	@Override
	public AuthenticationStep authenticate(Connection connection, Object message) throws Exception {
		Object result;
		try {
			result = this.method.invoke(connection, message, null);
		}
		catch (InvalidPayloadException ex) {
			return invalidPayload(connection, ex);
		}
		if (result instanceof CompletionStage<?> stage) {
			return AuthenticationStep.later(stage.handle((value, error) -> {
				if (error == null) {
					return step(value, "completed with");
				}
				if (ControllerReplies.unwrap(error) instanceof InvalidPayloadException invalid) {
					return invalidPayload(connection, invalid);
				}
				throw (error instanceof CompletionException completion) ? completion : new CompletionException(error);
			}));
		}
		return step(result, "returned");
	}

	/**
	 * Returns what the method gave as a step; anything else is a programming error, which the connection reports
	 * and closes on, as for an authenticator that throws.
	 */
	private AuthenticationStep step(@Nullable Object value, String how) {
		if (value instanceof AuthenticationStep step) {
			return step;
		}
		throw new IllegalStateException("Controller method " + this.method + " of socket server '" + this.serverName
				+ "' " + how + " " + ((value != null) ? value.getClass().getName() : "null")
				+ "; it must give an AuthenticationStep (challenge(null) to wait for the next message)");
	}

	private AuthenticationStep invalidPayload(Connection connection, InvalidPayloadException ex) {
		ErrorReplies replies = this.errorReplies;
		if (replies == null) {
			return AuthenticationStep.rejected("invalid authentication message: " + ex.getMessage());
		}
		logger.debug("Socket server '{}' refused the authentication payload of connection {}: {} {}",
				this.serverName, connection.id(), ex.getMessage(), ex.getViolations());
		return AuthenticationStep.challenge(replies.invalidPayload(ex));
	}

	@Override
	public String toString() {
		return "authenticator " + this.method + " of socket server '" + this.serverName + "'";
	}

}
