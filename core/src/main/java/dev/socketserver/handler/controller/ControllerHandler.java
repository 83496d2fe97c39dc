package dev.socketserver.handler.controller;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.socketserver.codec.Codec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SocketHandler} that calls the annotated methods of controllers: {@code @OnOpen}, {@code @OnMessage} by
 * message type, {@code @Fallback}, {@code @OnClose}, {@code @OnError} and {@code @OnShutdown}. Everything is
 * resolved when it is built (routing tables, method handles, one resolver per parameter), so a message costs one
 * type read, one table lookup and a method-handle call, and no reflection.
 * <p>
 * What a method returns is sent to the connection, in the order of the messages: a {@link CompletionStage} is sent
 * when it completes, and replies to later messages wait for it. Its failure is reported to the connection, which
 * treats it as a thrown exception ({@code @OnError} methods, then the server's error policy). A payload that
 * cannot be bound or fails validation is answered with the server's {@link ErrorReplies} and the connection
 * stays open.
 *
 * <pre class="code">
 * SocketHandler&lt;Object&gt; handler = ControllerHandler.builder("devices")
 *     .codec(jsonCodec)
 *     .controller(new DeviceController())
 *     .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class ControllerHandler implements SocketHandler<Object> {

	private static final Logger logger = LoggerFactory.getLogger(ControllerHandler.class);

	private final String serverName;

	private final Router router;

	private final Set<String> messageTypes;

	private final List<HandlerMethod> openMethods;

	private final List<HandlerMethod> closeMethods;

	private final List<HandlerMethod> errorMethods;

	private final List<HandlerMethod> shutdownMethods;

	private final @Nullable MessageTypeResolver<Object> typeResolver;

	private final @Nullable ErrorReplies errorReplies;

	private final UnknownTypePolicy unknownTypePolicy;

	private ControllerHandler(Builder builder, Router router, Set<String> messageTypes,
			Map<Role, List<HandlerMethod>> methods, UnknownTypePolicy unknownTypePolicy) {
		this.serverName = builder.serverName;
		this.router = router;
		this.messageTypes = messageTypes;
		this.openMethods = methods.getOrDefault(Role.OPEN, List.of());
		this.closeMethods = methods.getOrDefault(Role.CLOSE, List.of());
		this.errorMethods = methods.getOrDefault(Role.ERROR, List.of());
		this.shutdownMethods = methods.getOrDefault(Role.SHUTDOWN, List.of());
		this.typeResolver = builder.typeResolver;
		this.errorReplies = builder.errorReplies;
		this.unknownTypePolicy = unknownTypePolicy;
	}

	/**
	 * Starts a handler for a server.
	 * @param serverName the server's name, for messages
	 * @return the builder
	 */
	public static Builder builder(String serverName) {
		return new Builder(serverName);
	}

	/**
	 * Returns the message types that methods declare.
	 * @return the types
	 */
	public Set<String> messageTypes() {
		return this.messageTypes;
	}

	/**
	 * Returns what happens to messages of a type no method handles.
	 * @return the policy
	 */
	public UnknownTypePolicy unknownTypePolicy() {
		return this.unknownTypePolicy;
	}

	@Override
	public void onOpen(Connection connection) throws Exception {
		for (HandlerMethod method : this.openMethods) {
			call(connection, method, null, null);
		}
	}

	@Override
	public void onMessage(Connection connection, Object message) throws Exception {
		HandlerMethod method = this.router.route(message);
		if (method == null) {
			unknownType(connection, message);
			return;
		}
		call(connection, method, message, null);
	}

	@Override
	public void onClose(Connection connection, CloseReason reason) {
		for (HandlerMethod method : this.closeMethods) {
			try {
				method.invoke(connection, null, reason);
			}
			catch (Exception ex) {
				logger.warn("Controller method {} of socket server '{}' failed on closed connection {}", method,
						this.serverName, connection.id(), ex);
			}
		}
	}

	@Override
	public void onShutdown(Connection connection) {
		for (HandlerMethod method : this.shutdownMethods) {
			try {
				call(connection, method, null, null);
			}
			catch (Exception ex) {
				logger.warn("Controller method {} of socket server '{}' failed on shutdown of connection {}", method,
						this.serverName, connection.id(), ex);
			}
		}
	}

	@Override
	public void onError(Connection connection, Throwable error) {
		HandlerMethod method = errorMethodFor(error);
		if (method == null) {
			return;
		}
		try {
			call(connection, method, null, error);
		}
		catch (Exception ex) {
			logger.warn("Controller method {} of socket server '{}' failed handling an error of connection {}",
					method, this.serverName, connection.id(), ex);
		}
	}

	/**
	 * Returns the error method declaring the closest supertype of the error, the way exception handlers match.
	 */
	private @Nullable HandlerMethod errorMethodFor(Throwable error) {
		HandlerMethod best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (HandlerMethod method : this.errorMethods) {
			if (method.errorType().isInstance(error)) {
				int distance = 0;
				for (Class<?> type = error.getClass(); type != method.errorType(); type = type.getSuperclass()) {
					distance++;
				}
				if (distance < bestDistance) {
					best = method;
					bestDistance = distance;
				}
			}
		}
		return best;
	}

	private void call(Connection connection, HandlerMethod method, @Nullable Object message, @Nullable Object extra)
			throws Exception {
		Object result;
		try {
			result = method.invoke(connection, message, extra);
		}
		catch (InvalidPayloadException ex) {
			refuse(connection, ex);
			return;
		}
		reply(connection, result);
	}

	private void refuse(Connection connection, InvalidPayloadException ex) {
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
	private void reply(Connection connection, @Nullable Object result) {
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

	private void unknownType(Connection connection, Object message) {
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

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	@Override
	public String toString() {
		return "controllers of socket server '" + this.serverName + "' (types " + this.messageTypes + ")";
	}

	/**
	 * Builder of a {@link ControllerHandler}.
	 */
	public static final class Builder {

		private final String serverName;

		private final List<Candidate> candidates = new ArrayList<>();

		private Class<?> messageType = Object.class;

		private Class<?> replyType = Object.class;

		private @Nullable MessageTypeResolver<Object> typeResolver;

		private @Nullable PayloadBinder payloadBinder;

		private @Nullable PayloadValidator payloadValidator;

		private @Nullable ErrorReplies errorReplies;

		private @Nullable UnknownTypePolicy unknownTypePolicy;

		private Builder(String serverName) {
			this.serverName = Objects.requireNonNull(serverName, "'serverName' must not be null");
		}

		/**
		 * Adds a controller: its annotated methods, and those of its superclasses, serve the server.
		 * @param controller the controller
		 * @return this builder
		 * @throws ControllerDefinitionException if an annotated method is static or declares an empty type
		 */
		public Builder controller(Object controller) {
			Objects.requireNonNull(controller, "'controller' must not be null");
			return controller(controller, controller.getClass());
		}

		/**
		 * Adds a controller whose annotations are on the given class, such as the class a proxy extends.
		 * @param controller the controller, an instance of {@code type}
		 * @param type the class declaring the annotated methods
		 * @return this builder
		 * @throws ControllerDefinitionException if an annotated method is static or declares an empty type
		 */
		public Builder controller(Object controller, Class<?> type) {
			Objects.requireNonNull(controller, "'controller' must not be null");
			Objects.requireNonNull(type, "'type' must not be null");
			this.candidates.addAll(ControllerScanner.scan(controller, type));
			return this;
		}

		/**
		 * Uses what a codec knows about its messages: it may be a {@link MessageTypeResolver}, a
		 * {@link PayloadBinder} and {@link ErrorReplies}, as the JSON codec is.
		 * @param codec the server's codec
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public Builder codec(Codec<?> codec) {
			if (codec instanceof MessageTypeResolver<?> resolver) {
				this.typeResolver = (MessageTypeResolver<Object>) resolver;
			}
			if (codec instanceof PayloadBinder binder) {
				this.payloadBinder = binder;
			}
			if (codec instanceof ErrorReplies replies) {
				this.errorReplies = replies;
			}
			return this;
		}

		/**
		 * Sets the type of the messages the codec decodes, to check payload parameters at start-up.
		 * @param messageType the message type; {@code Object} when unknown
		 * @return this builder
		 */
		public Builder messageType(Class<?> messageType) {
			this.messageType = Objects.requireNonNull(messageType, "'messageType' must not be null");
			return this;
		}

		/**
		 * Sets the type of the messages the codec encodes, to check return types at start-up.
		 * @param replyType the reply type; {@code Object} when the codec encodes anything
		 * @return this builder
		 */
		public Builder replyType(Class<?> replyType) {
			this.replyType = Objects.requireNonNull(replyType, "'replyType' must not be null");
			return this;
		}

		/**
		 * Sets what reads a message's type; needed as soon as a method declares types.
		 * @param typeResolver the resolver
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public Builder typeResolver(@Nullable MessageTypeResolver<?> typeResolver) {
			this.typeResolver = (MessageTypeResolver<Object>) typeResolver;
			return this;
		}

		/**
		 * Sets what converts messages to payload parameter types other than the message type.
		 * @param payloadBinder the binder
		 * @return this builder
		 */
		public Builder payloadBinder(@Nullable PayloadBinder payloadBinder) {
			this.payloadBinder = payloadBinder;
			return this;
		}

		/**
		 * Sets what validates payload parameters marked {@code @Valid}.
		 * @param payloadValidator the validator
		 * @return this builder
		 */
		public Builder payloadValidator(@Nullable PayloadValidator payloadValidator) {
			this.payloadValidator = payloadValidator;
			return this;
		}

		/**
		 * Sets what answers unknown types and invalid payloads.
		 * @param errorReplies the error replies
		 * @return this builder
		 */
		public Builder errorReplies(@Nullable ErrorReplies errorReplies) {
			this.errorReplies = errorReplies;
			return this;
		}

		/**
		 * Sets what happens to messages of a type no method handles. Defaults to {@link UnknownTypePolicy#ERROR}
		 * with error replies, {@link UnknownTypePolicy#CLOSE} without.
		 * @param unknownTypePolicy the policy
		 * @return this builder
		 */
		public Builder unknownTypePolicy(@Nullable UnknownTypePolicy unknownTypePolicy) {
			this.unknownTypePolicy = unknownTypePolicy;
			return this;
		}

		/**
		 * Returns whether a method of the controllers added so far declares message types, so that the server
		 * needs a {@link MessageTypeResolver}.
		 * @return whether messages are routed by type
		 */
		public boolean routesByType() {
			return this.candidates.stream().anyMatch((candidate) -> !candidate.types().isEmpty());
		}

		/**
		 * Builds the handler.
		 * @return the handler
		 * @throws ControllerDefinitionException if the controllers cannot serve the server
		 */
		public ControllerHandler build() {
			UnknownTypePolicy policy = this.unknownTypePolicy;
			if (policy == null) {
				policy = (this.errorReplies != null) ? UnknownTypePolicy.ERROR : UnknownTypePolicy.CLOSE;
			}
			if (policy == UnknownTypePolicy.ERROR && this.errorReplies == null) {
				throw new ControllerDefinitionException("Socket server '" + this.serverName
						+ "' answers unknown message types with an error but its codec has no error replies");
			}
			MessageTypeResolver<Object> resolver = this.typeResolver;
			if (routesByType() && resolver == null) {
				throw new ControllerDefinitionException("Controller methods of socket server '" + this.serverName
						+ "' declare message types (" + describeTyped()
						+ ") but the server has no MessageTypeResolver");
			}
			HandlerMethodFactory factory = new HandlerMethodFactory(this.serverName, this.messageType, this.replyType,
					resolver, this.payloadBinder, this.payloadValidator);
			Map<Role, List<HandlerMethod>> methods = new LinkedHashMap<>();
			Map<String, HandlerMethod> routes = new LinkedHashMap<>();
			Map<String, Candidate> routeOwners = new LinkedHashMap<>();
			Candidate catchAllOwner = null;
			HandlerMethod catchAll = null;
			for (Candidate candidate : this.candidates) {
				HandlerMethod method = factory.create(candidate);
				if (candidate.role() == Role.MESSAGE && !candidate.types().isEmpty()) {
					for (String type : candidate.types()) {
						Candidate previous = routeOwners.putIfAbsent(type, candidate);
						if (previous != null) {
							throw new ControllerDefinitionException("Socket server '" + this.serverName
									+ "' has two methods for message type '" + type + "': "
									+ ControllerScanner.describe(previous.method()) + " and "
									+ ControllerScanner.describe(candidate.method()));
						}
						routes.put(type, method);
					}
				}
				else if (candidate.role().receivesMessages()) {
					if (catchAllOwner != null) {
						throw new ControllerDefinitionException("Socket server '" + this.serverName
								+ "' has two methods for every message: "
								+ ControllerScanner.describe(catchAllOwner.method()) + " and "
								+ ControllerScanner.describe(candidate.method()));
					}
					catchAllOwner = candidate;
					catchAll = method;
				}
				else {
					methods.computeIfAbsent(candidate.role(), (role) -> new ArrayList<>()).add(method);
				}
			}
			if (!routes.isEmpty() && catchAllOwner != null && catchAllOwner.role() == Role.MESSAGE) {
				throw new ControllerDefinitionException("Socket server '" + this.serverName + "': "
						+ ControllerScanner.describe(catchAllOwner.method())
						+ " declares no type while other methods do; mark it @Fallback to handle the other types");
			}
			Router router = routes.isEmpty() ? Router.single(catchAll)
					: router(Objects.requireNonNull(resolver), routes, catchAll);
			methods.replaceAll((role, list) -> List.copyOf(list));
			return new ControllerHandler(this, router, Collections.unmodifiableSet(routes.keySet()), methods, policy);
		}

		private Router router(MessageTypeResolver<Object> resolver, Map<String, HandlerMethod> routes,
				@Nullable HandlerMethod fallback) {
			if (!(resolver instanceof MessageTypeResolver.OfInt<Object> ids)) {
				return Router.byName(resolver, routes, fallback);
			}
			Map<Integer, HandlerMethod> byId = new LinkedHashMap<>();
			routes.forEach((type, method) -> byId.put(parseId(type, method), method));
			return Router.byId(ids, byId, fallback);
		}

		private int parseId(String type, HandlerMethod method) {
			try {
				int id = Integer.decode(type);
				if (id >= 0) {
					return id;
				}
			}
			catch (NumberFormatException ex) {
				// Reported below with the method's name.
			}
			throw new ControllerDefinitionException("Controller method " + method + " of socket server '"
					+ this.serverName + "' declares message type '" + type
					+ "', but the server's types are numbers (such as \"7\" or \"0x07\")");
		}

		private String describeTyped() {
			return this.candidates.stream()
				.filter((candidate) -> !candidate.types().isEmpty())
				.map((candidate) -> ControllerScanner.describe(candidate.method()))
				.distinct()
				.sorted(Comparator.naturalOrder())
				.reduce((a, b) -> a + ", " + b)
				.orElse("");
		}

	}

}
