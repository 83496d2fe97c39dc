package dev.socketserver.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.socketserver.autoconfigure.SocketServerProperties.Payload;
import dev.socketserver.autoconfigure.SocketServerProperties.Server;
import dev.socketserver.codec.Codec;
import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.handler.controller.ControllerHandler;
import dev.socketserver.handler.controller.UnknownTypePolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link SocketController @SocketController} beans of each server and adapts them to its handler, with
 * what the server's codec and properties say about message types, payload binding, validation and error replies.
 */
final class SocketControllers {

	private static final Logger logger = LoggerFactory.getLogger(SocketControllers.class);

	private static final String JAKARTA_VALIDATOR = "jakarta.validation.Validator";

	private final ListableBeanFactory beanFactory;

	private final Set<String> configured;

	private final Set<String> clientHandlers;

	private @Nullable List<ControllerBean> controllers;

	SocketControllers(ListableBeanFactory beanFactory, Set<String> configured, Set<String> clientHandlers) {
		this.beanFactory = beanFactory;
		this.configured = configured;
		this.clientHandlers = clientHandlers;
	}

	boolean isController(String beanName) {
		return controllers().stream().anyMatch((controller) -> controller.name().equals(beanName));
	}

	/**
	 * Notes that a server's {@code handler} property overrides controllers that name the server.
	 */
	void handlerOverrides(String serverName, String handlerName) {
		List<String> ignored = controllers().stream()
			.filter((controller) -> controller.servers().contains(serverName))
			.map(ControllerBean::name)
			.toList();
		if (!ignored.isEmpty()) {
			logger.warn("Socket server '{}' is served by handler '{}' (socket.servers.{}.handler); controllers {} "
					+ "that name it are not used", serverName, handlerName, serverName, ignored);
		}
	}

	/**
	 * Returns the handler made of the controllers that name the server, else of those that name no server, or
	 * {@code null} if there are none.
	 */
	@Nullable SocketHandler<?> handlerFor(DeclaredServer server, @Nullable BuiltInCodec builtIn, Codec<?> codec) {
		List<String> named = names((controller) -> controller.servers().contains(server.name()));
		if (!named.isEmpty()) {
			return handler(server, builtIn, codec, named);
		}
		List<String> unnamed = names((controller) -> controller.servers().isEmpty());
		if (unnamed.isEmpty()) {
			return null;
		}
		List<String> handlers = Arrays.stream(this.beanFactory.getBeanNamesForType(SocketHandler.class))
			.filter((name) -> !this.clientHandlers.contains(name))
			.toList();
		if (!handlers.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(server.property("handler"), null,
					"Both SocketHandler beans " + handlers + " and @SocketController beans "
							+ unnamed + " that name no server could serve this server; name one in this property, "
							+ "or the server in @SocketController(servers)");
		}
		return handler(server, builtIn, codec, unnamed);
	}

	/**
	 * Returns the handler made of the given controllers.
	 */
	SocketHandler<?> handler(DeclaredServer declared, @Nullable BuiltInCodec builtIn, Codec<?> codec,
			List<String> names) {
		Server server = declared.properties();
		String serverName = declared.name();
		SocketServerProperties.Controller properties = server.getController();
		boolean lines = builtIn == BuiltInCodec.LINE && builtIn.payload(server) == Payload.STRING;
		ControllerHandler.Builder builder = ControllerHandler.builder(serverName).codec(codec);
		Class<?> messageType = (builtIn != null) ? builtIn.messageType(server) : codecMessageType(codec);
		builder.messageType(messageType).replyType((builtIn == BuiltInCodec.JSON) ? Object.class : messageType);
		boolean hasResolver = codec instanceof MessageTypeResolver<?>;
		if (properties.getTypeResolver() != null) {
			builder.typeResolver(bean(declared.property("controller.type-resolver"), properties.getTypeResolver(),
					MessageTypeResolver.class));
			hasResolver = true;
		}
		else if (lines) {
			builder.typeResolver(MessageTypeResolver.firstWord());
			hasResolver = true;
		}
		boolean hasErrorReplies = codec instanceof ErrorReplies;
		if (properties.getErrorReplies() != null) {
			builder.errorReplies(bean(declared.property("controller.error-replies"), properties.getErrorReplies(),
					ErrorReplies.class));
			hasErrorReplies = true;
		}
		else if (lines) {
			builder.errorReplies(ErrorReplies.lines());
			hasErrorReplies = true;
		}
		if (properties.getUnknownType() == UnknownTypePolicy.ERROR && !hasErrorReplies) {
			throw new InvalidConfigurationPropertyValueException(declared.property("controller.unknown-type"), "error",
					"Codec '" + server.getCodec() + "' has no error replies: use ignore or close, or name an "
							+ "ErrorReplies bean in controller.error-replies");
		}
		builder.unknownTypePolicy(properties.getUnknownType());
		if (ClassUtils.isPresent(JAKARTA_VALIDATOR, classLoader(this.beanFactory))) {
			builder.payloadValidator(JakartaPayloadValidator.from(this.beanFactory));
		}
		for (String name : names) {
			Object controller = this.beanFactory.getBean(name);
			Class<?> type = this.beanFactory.getType(name);
			builder.controller(controller, ClassUtils.getUserClass((type != null) ? type : controller.getClass()));
		}
		if (builder.routesByType() && !hasResolver) {
			throw new InvalidConfigurationPropertyValueException(declared.property("controller.type-resolver"), null,
					"Controllers " + names + " route messages by type but codec '" + server.getCodec()
							+ "' cannot read types; name a MessageTypeResolver bean");
		}
		ControllerHandler handler = builder.build();
		logger.debug("Socket server '{}' is served by controllers {}: {}", serverName, names, handler);
		return handler;
	}

	/**
	 * Returns the class loader of the application's beans, which decides what is on the class path.
	 */
	static @Nullable ClassLoader classLoader(ListableBeanFactory beanFactory) {
		return (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable.getBeanClassLoader()
				: SocketControllers.class.getClassLoader();
	}

	private static Class<?> codecMessageType(Codec<?> codec) {
		Class<?> type = ResolvableType.forInstance(codec).as(Codec.class).resolveGeneric(0);
		return (type != null) ? type : Object.class;
	}

	private <T> T bean(String property, String name, Class<T> type) {
		if (!this.beanFactory.containsBean(name) || !this.beanFactory.isTypeMatch(name, type)) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"No " + type.getSimpleName() + " bean has this name");
		}
		return this.beanFactory.getBean(name, type);
	}

	private List<String> names(Predicate<ControllerBean> filter) {
		return controllers().stream().filter(filter).map(ControllerBean::name).toList();
	}

	/**
	 * Returns the controller beans in order, checking once that every server they name is configured.
	 */
	private List<ControllerBean> controllers() {
		List<ControllerBean> controllers = this.controllers;
		if (controllers == null) {
			controllers = discover();
			this.controllers = controllers;
		}
		return controllers;
	}

	private List<ControllerBean> discover() {
		Set<String> configured = this.configured;
		List<ControllerBean> controllers = new ArrayList<>();
		for (String name : this.beanFactory.getBeanNamesForAnnotation(SocketController.class)) {
			SocketController annotation = this.beanFactory.findAnnotationOnBean(name, SocketController.class);
			Set<String> servers = (annotation != null) ? new LinkedHashSet<>(Arrays.asList(annotation.servers()))
					: Set.of();
			for (String server : servers) {
				if (!configured.contains(server)) {
					throw new IllegalStateException("@SocketController bean '" + name + "' names socket server '"
							+ server + "', which is not configured under socket.servers (configured: "
							+ configured + ")");
				}
			}
			Class<?> type = this.beanFactory.getType(name);
			int order = (type != null) ? OrderUtils.getOrder(ClassUtils.getUserClass(type), Ordered.LOWEST_PRECEDENCE)
					: Ordered.LOWEST_PRECEDENCE;
			controllers.add(new ControllerBean(name, order, Set.copyOf(servers)));
		}
		// By @Order, else in registration order; without creating the beans, which may depend on other servers.
		controllers.sort(Comparator.comparingInt(ControllerBean::order));
		return List.copyOf(controllers);
	}

	private record ControllerBean(String name, int order, Set<String> servers) {

	}

}
