package dev.socketserver.handler.controller;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what controller methods return, in the order of the messages that caused it, and answers what no method
 * could take: payloads refused by binding or validation, messages of unknown types, and messages the principal
 * may not send.
 */
final class ControllerReplies {

	private static final Logger logger = LoggerFactory.getLogger(ControllerReplies.class);

	private final String serverName;

	private final @Nullable MessageTypeResolver<Object> typeResolver;

	private final @Nullable ErrorReplies errorReplies;

	private final UnknownTypePolicy unknownTypePolicy;

	ControllerReplies(String serverName, @Nullable MessageTypeResolver<Object> typeResolver,
			@Nullable ErrorReplies errorReplies, UnknownTypePolicy unknownTypePolicy) {
		this.serverName = serverName;
		this.typeResolver = typeResolver;
		this.errorReplies = errorReplies;
		this.unknownTypePolicy = unknownTypePolicy;
	}

	UnknownTypePolicy unknownTypePolicy() {
		return this.unknownTypePolicy;
	}

	void refuse(Connection connection, InvalidPayloadException ex) {
		ErrorReplies replies = this.errorReplies;
		if (replies == null) {
			throw ex;
		}
		logger.debug("Socket server '{}' refused a payload of connection {}: {} {}", this.serverName, connection.id(),
				ex.getMessage(), ex.getViolations());
		Object reply = replies.invalidPayload(ex);
		if (reply != null) {
			send(connection, reply);
		}
	}

	/**
	 * Sends what a method returned, in the order of the messages: a reply waits behind earlier replies that are
	 * stages not complete yet.
	 */
	void reply(Connection connection, @Nullable Object result) {
		if (result == null) {
			return;
		}
		ReplySequence sequence = connection.attribute(ReplySequence.ATTRIBUTE);
		if (result instanceof CompletionStage<?> stage) {
			if (sequence == null && stage instanceof CompletableFuture<?> future && future.isDone()) {
				future.whenComplete((value, error) -> deliver(connection, value, error));
				return;
			}
			if (sequence == null) {
				sequence = new ReplySequence((value, error) -> deliver(connection, value, error));
				connection.setAttribute(ReplySequence.ATTRIBUTE, sequence);
			}
			sequence.await(stage);
			return;
		}
		send(connection, result, sequence);
	}

	private void send(Connection connection, Object reply) {
		send(connection, reply, connection.attribute(ReplySequence.ATTRIBUTE));
	}

	private static void send(Connection connection, Object reply, @Nullable ReplySequence sequence) {
		if (sequence == null || !sequence.holdIfBehind(reply)) {
			connection.offer(reply);
		}
	}

	private void deliver(Connection connection, @Nullable Object value, @Nullable Throwable error) {
		if (error != null) {
			failedLater(connection, unwrap(error));
		}
		else if (value != null) {
			connection.offer(value);
		}
	}

	/**
	 * Hands the failure of a reply stage to the connection, which treats it as an exception thrown by the
	 * handler: counted, logged, given to the error methods, then the server's error policy.
	 */
	private void failedLater(Connection connection, Throwable error) {
		if (error instanceof InvalidPayloadException invalid && this.errorReplies != null) {
			refuse(connection, invalid);
			return;
		}
		connection.handlerFailed(error);
	}

	/**
	 * Answers a message its connection's principal lacks the authority for, then reports it to the connection,
	 * which counts it, logs it and may close after the reply.
	 */
	void forbidden(Connection connection, String authority) {
		ErrorReplies replies = this.errorReplies;
		Object reply = (replies != null) ? replies.forbidden(authority) : null;
		if (reply != null) {
			send(connection, reply);
		}
		connection.forbidden(authority);
	}

	void unknownType(Connection connection, Object message) {
		switch (this.unknownTypePolicy) {
			case ERROR -> {
				ErrorReplies replies = Objects.requireNonNull(this.errorReplies);
				Object reply = replies.unknownType(typeOf(message));
				if (reply != null) {
					send(connection, reply);
				}
			}
			case CLOSE -> {
				logger.debug("Socket server '{}' closes connection {}: unknown message type {}", this.serverName,
						connection.id(), typeOf(message));
				connection.close(CloseReason.CLOSED_BY_APPLICATION);
			}
			case IGNORE -> {
			}
		}
	}

	private @Nullable String typeOf(Object message) {
		MessageTypeResolver<Object> resolver = this.typeResolver;
		return (resolver != null) ? resolver.resolveType(message) : null;
	}

	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
