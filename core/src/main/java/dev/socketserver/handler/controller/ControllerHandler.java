package dev.socketserver.handler.controller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.socketserver.codec.Codec;
import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.codec.PayloadBinder;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.connection.SocketPrincipal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SocketHandler} that calls the annotated methods of controllers: {@code @OnOpen}, {@code @OnMessage} by
 * message type, {@code @Fallback}, {@code @OnClose}, {@code @OnError}, {@code @OnShutdown} and, through
 * {@link #authenticator()}, {@code @OnAuthenticate}. Everything is resolved when it is built (routing tables,
 * method handles, one resolver per parameter, required authorities), so a message costs one type read, one table
 * lookup and a method-handle call, and no reflection.
 * <p>
 * What a method returns is sent to the connection, in the order of the messages: a {@link CompletionStage} is sent
 * when it completes, and replies to later messages wait for it. Its failure is reported to the connection, which
 * treats it as a thrown exception ({@code @OnError} methods, then the server's error policy). A payload that
 * cannot be bound or fails validation is answered with the server's {@link ErrorReplies} and the connection
 * stays open.
 * <p>
 * An {@code @OnAuthenticate} method becomes the server's {@link #authenticator()}, to be set in its
 * {@code Authentication}. A message method that requires an authority ({@code @RequiresAuthority}) is not called
 * for a connection whose principal lacks it: the message is answered with {@link ErrorReplies#forbidden} and
 * reported to {@link Connection#forbidden}, which may close the connection.
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

	private final ControllerReplies replies;

	private final @Nullable ControllerAuthenticator authenticator;

	private final boolean requiresAuthority;

	private ControllerHandler(Builder builder, Router router, Set<String> messageTypes,
			Map<Role, List<HandlerMethod>> methods, UnknownTypePolicy unknownTypePolicy, boolean requiresAuthority) {
		this.serverName = builder.serverName;
		this.router = router;
		this.messageTypes = messageTypes;
		this.openMethods = methods.getOrDefault(Role.OPEN, List.of());
		this.closeMethods = methods.getOrDefault(Role.CLOSE, List.of());
		this.errorMethods = methods.getOrDefault(Role.ERROR, List.of());
		this.shutdownMethods = methods.getOrDefault(Role.SHUTDOWN, List.of());
		this.replies = new ControllerReplies(builder.serverName, builder.typeResolver, builder.errorReplies,
				unknownTypePolicy);
		List<HandlerMethod> authenticate = methods.getOrDefault(Role.AUTHENTICATE, List.of());
		this.authenticator = authenticate.isEmpty() ? null
				: new ControllerAuthenticator(builder.serverName, authenticate.get(0), builder.errorReplies);
		this.requiresAuthority = requiresAuthority;
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
	 * Returns the authenticator made of the controllers' {@code @OnAuthenticate} method, for the server's
	 * authentication settings.
	 * @return the authenticator, or {@code null} when no controller authenticates
	 */
	public @Nullable SocketAuthenticator<Object> authenticator() {
		return this.authenticator;
	}

	/**
	 * Returns whether a method requires an authority ({@code @RequiresAuthority}), which only a server that
	 * authenticates can grant.
	 * @return whether authorities are checked
	 */
	public boolean requiresAuthority() {
		return this.requiresAuthority;
	}

	/**
	 * Returns what happens to messages of a type no method handles.
	 * @return the policy
	 */
	public UnknownTypePolicy unknownTypePolicy() {
		return this.replies.unknownTypePolicy();
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
			this.replies.unknownType(connection, message);
			return;
		}
		String authority = method.authority();
		if (authority != null && !isGranted(connection, authority)) {
			this.replies.forbidden(connection, authority);
			return;
		}
		call(connection, method, message, null);
	}

	private static boolean isGranted(Connection connection, String authority) {
		SocketPrincipal principal = connection.principal();
		return principal != null && principal.hasAuthority(authority);
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
			this.replies.refuse(connection, ex);
			return;
		}
		this.replies.reply(connection, result);
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
			ControllerTable table = ControllerTable.assemble(this.serverName, this.candidates, factory, resolver);
			boolean requiresAuthority = this.candidates.stream().anyMatch((candidate) -> candidate.authority() != null);
			return new ControllerHandler(this, table.router(), table.messageTypes(), table.methods(), policy,
					requiresAuthority);
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
