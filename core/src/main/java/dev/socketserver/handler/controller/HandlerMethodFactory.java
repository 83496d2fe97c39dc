package dev.socketserver.handler.controller;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.codec.PayloadBinder;
import dev.socketserver.codec.Violation;
import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionAttribute;
import dev.socketserver.connection.SocketPrincipal;
import dev.socketserver.handler.annotation.Attribute;
import dev.socketserver.handler.annotation.AuthenticatedPrincipal;
import dev.socketserver.handler.annotation.Identity;
import dev.socketserver.handler.annotation.MessageType;
import dev.socketserver.handler.annotation.Payload;
import dev.socketserver.handler.annotation.ServerName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes controller methods callable: chooses a resolver for each parameter and adapts the method to an erased
 * method handle, so that nothing is looked up per message.
 */
final class HandlerMethodFactory {

	private static final Logger logger = LoggerFactory.getLogger(HandlerMethodFactory.class);

	private final String serverName;

	private final Class<?> messageType;

	private final Class<?> replyType;

	private final @Nullable MessageTypeResolver<Object> typeResolver;

	private final @Nullable PayloadBinder binder;

	private final @Nullable PayloadValidator validator;

	HandlerMethodFactory(String serverName, Class<?> messageType, Class<?> replyType,
			@Nullable MessageTypeResolver<Object> typeResolver, @Nullable PayloadBinder binder,
			@Nullable PayloadValidator validator) {
		this.serverName = serverName;
		this.messageType = box(messageType);
		this.replyType = box(replyType);
		this.typeResolver = typeResolver;
		this.binder = binder;
		this.validator = validator;
	}

	HandlerMethod create(Candidate candidate) {
		Method method = candidate.method();
		Parameter[] parameters = method.getParameters();
		ArgumentResolver[] resolvers = new ArgumentResolver[parameters.length];
		Class<? extends Throwable> errorType = Throwable.class;
		boolean payloadSeen = false;
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			if (candidate.role() == Role.ERROR && Throwable.class.isAssignableFrom(parameter.getType())
					&& !isAnnotated(parameter)) {
				if (errorType != Throwable.class) {
					throw invalid(candidate, "declares more than one error parameter");
				}
				errorType = parameter.getType().asSubclass(Throwable.class);
				resolvers[i] = (connection, message, extra) -> extra;
				continue;
			}
			ArgumentResolver resolver = contextResolver(candidate, parameter);
			if (resolver == null) {
				if (!candidate.role().receivesMessages()) {
					throw invalid(candidate, "has parameter '" + parameter.getName() + "' of type "
							+ parameter.getType().getSimpleName() + " that cannot be resolved here");
				}
				// Several explicit @Payload views of one message are fine; a second implicit one is usually a
				// forgotten @Identity or @Attribute.
				if (!parameter.isAnnotationPresent(Payload.class)) {
					if (payloadSeen) {
						throw invalid(candidate, "has more than one payload parameter; mark the others with @Identity, "
								+ "@Attribute, @ServerName, @MessageType, @AuthenticatedPrincipal or @Payload");
					}
					payloadSeen = true;
				}
				resolver = payloadResolver(candidate, parameter);
			}
			resolvers[i] = resolver;
		}
		checkReturnType(candidate);
		return new HandlerMethod(describe(candidate), handle(candidate), resolvers, errorType, candidate.authority());
	}

	private @Nullable ArgumentResolver contextResolver(Candidate candidate, Parameter parameter) {
		Class<?> type = parameter.getType();
		if (parameter.isAnnotationPresent(Identity.class)) {
			requireType(candidate, parameter, String.class, "@Identity");
			return (connection, message, extra) -> connection.identity();
		}
		if (parameter.isAnnotationPresent(ServerName.class)) {
			requireType(candidate, parameter, String.class, "@ServerName");
			return (connection, message, extra) -> connection.serverName();
		}
		if (parameter.isAnnotationPresent(AuthenticatedPrincipal.class)) {
			return principalResolver(candidate, parameter);
		}
		Attribute attribute = parameter.getAnnotation(Attribute.class);
		if (attribute != null) {
			if (type.isPrimitive()) {
				throw invalid(candidate, "binds @Attribute(\"" + attribute.value() + "\") to a primitive; use "
						+ box(type).getSimpleName() + ", the attribute may be unset");
			}
			ConnectionAttribute<Object> key = ConnectionAttribute.named(attribute.value());
			return (connection, message, extra) -> connection.attribute(key);
		}
		if (parameter.isAnnotationPresent(MessageType.class)) {
			return messageTypeResolver(candidate, parameter);
		}
		if (parameter.isAnnotationPresent(Payload.class)) {
			return null;
		}
		if (type == Connection.class) {
			return (connection, message, extra) -> connection;
		}
		if (type == SocketPrincipal.class) {
			return (connection, message, extra) -> connection.principal();
		}
		if (type == CloseReason.class) {
			if (candidate.role() != Role.CLOSE) {
				throw invalid(candidate, "takes a CloseReason, which only @OnClose methods receive");
			}
			return (connection, message, extra) -> extra;
		}
		return null;
	}

	private ArgumentResolver principalResolver(Candidate candidate, Parameter parameter) {
		Class<?> type = parameter.getType();
		if (type == SocketPrincipal.class) {
			return (connection, message, extra) -> connection.principal();
		}
		if (type == String.class) {
			return (connection, message, extra) -> {
				SocketPrincipal principal = connection.principal();
				return (principal != null) ? principal.name() : null;
			};
		}
		throw invalid(candidate, "binds @AuthenticatedPrincipal to " + type.getSimpleName()
				+ "; it must be SocketPrincipal, or String for its name");
	}

	private ArgumentResolver messageTypeResolver(Candidate candidate, Parameter parameter) {
		MessageTypeResolver<Object> resolver = this.typeResolver;
		if (!candidate.role().receivesMessages()) {
			throw invalid(candidate, "takes a @MessageType, which only message methods receive");
		}
		if (resolver == null) {
			throw invalid(candidate, "takes a @MessageType but the server has no MessageTypeResolver");
		}
		Class<?> type = box(parameter.getType());
		if (type == Integer.class && resolver instanceof MessageTypeResolver.OfInt<Object> ids) {
			return (connection, message, extra) -> ids.resolveId(message);
		}
		requireType(candidate, parameter, String.class, "@MessageType");
		return (connection, message, extra) -> resolver.resolveType(message);
	}

	private ArgumentResolver payloadResolver(Candidate candidate, Parameter parameter) {
		Class<?> type = box(parameter.getType());
		ArgumentResolver resolver;
		if (type.isAssignableFrom(this.messageType)) {
			resolver = (connection, message, extra) -> message;
		}
		else {
			PayloadBinder binder = this.binder;
			PayloadBinder.Binding binding = (binder != null) ? binder.binding(parameter.getParameterizedType()) : null;
			if (binding != null) {
				resolver = (connection, message, extra) -> binding.bind(message);
			}
			else if (this.messageType.isAssignableFrom(type)) {
				// The codec's declared type is wider (a codec bean of unknown type): the handle's cast checks it.
				resolver = (connection, message, extra) -> message;
			}
			else {
				throw invalid(candidate, "takes a payload of type " + parameter.getType().getSimpleName()
						+ " but the server's messages are " + this.messageType.getSimpleName()
						+ " and its codec does not bind them to that type");
			}
		}
		if (!isValidated(parameter)) {
			return resolver;
		}
		PayloadValidator validator = this.validator;
		if (validator == null) {
			logger.warn("Socket server '{}': {} asks to validate its payload but no validator is available "
					+ "(add spring-boot-starter-validation); it is not validated", this.serverName,
					describe(candidate));
			return resolver;
		}
		ArgumentResolver binding = resolver;
		return (connection, message, extra) -> {
			Object payload = binding.resolve(connection, message, extra);
			if (payload != null) {
				List<Violation> violations = validator.validate(payload);
				if (!violations.isEmpty()) {
					throw new InvalidPayloadException("validation failed", violations);
				}
			}
			return payload;
		};
	}

	/**
	 * Follows Spring's convention: {@code @jakarta.validation.Valid}, or any annotation whose name starts with
	 * "Valid" ({@code @Validated}), asks for validation, without depending on either.
	 */
	private static boolean isValidated(Parameter parameter) {
		for (Annotation annotation : parameter.getAnnotations()) {
			if (annotation.annotationType().getSimpleName().startsWith("Valid")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isAnnotated(Parameter parameter) {
		return parameter.isAnnotationPresent(Identity.class) || parameter.isAnnotationPresent(Attribute.class)
				|| parameter.isAnnotationPresent(ServerName.class) || parameter.isAnnotationPresent(MessageType.class)
				|| parameter.isAnnotationPresent(Payload.class)
				|| parameter.isAnnotationPresent(AuthenticatedPrincipal.class);
	}

	private void checkReturnType(Candidate candidate) {
		Method method = candidate.method();
		Class<?> returned = method.getReturnType();
		if (candidate.role() == Role.CLOSE) {
			if (returned != void.class) {
				throw invalid(candidate, "must return void: the connection is closed");
			}
			return;
		}
		if (candidate.role() == Role.AUTHENTICATE) {
			boolean stage = CompletionStage.class.isAssignableFrom(returned);
			Class<?> value = stage ? completionValueType(method.getGenericReturnType()) : returned;
			if (!AuthenticationStep.class.isAssignableFrom(value)) {
				String described = stage ? returned.getSimpleName() + "<" + value.getSimpleName() + ">"
						: returned.getSimpleName();
				throw invalid(candidate, "returns " + described + "; an @OnAuthenticate method must return "
						+ "AuthenticationStep or CompletionStage<AuthenticationStep>");
			}
			return;
		}
		if (CompletionStage.class.isAssignableFrom(returned)) {
			Class<?> value = completionValueType(method.getGenericReturnType());
			if (!isSendable(value)) {
				throw invalid(candidate, "completes with " + value.getSimpleName()
						+ ", which the server's codec cannot send (it sends " + this.replyType.getSimpleName() + ")");
			}
			return;
		}
		if (!isSendable(returned)) {
			throw invalid(candidate, "returns " + returned.getSimpleName()
					+ ", which the server's codec cannot send (it sends " + this.replyType.getSimpleName() + ")");
		}
	}

	private boolean isSendable(Class<?> type) {
		return type == void.class || type == Void.class || type == Object.class
				|| this.replyType.isAssignableFrom(box(type));
	}

	private static Class<?> completionValueType(Type type) {
		if (type instanceof ParameterizedType parameterized
				&& parameterized.getRawType() instanceof Class<?> raw && CompletionStage.class.isAssignableFrom(raw)
				&& parameterized.getActualTypeArguments().length == 1) {
			Type value = parameterized.getActualTypeArguments()[0];
			if (value instanceof WildcardType wildcard) {
				value = wildcard.getUpperBounds()[0];
			}
			if (value instanceof Class<?> valueClass) {
				return valueClass;
			}
			if (value instanceof ParameterizedType valueType && valueType.getRawType() instanceof Class<?> valueRaw) {
				return valueRaw;
			}
		}
		return Object.class;
	}

	private MethodHandle handle(Candidate candidate) {
		Method method = candidate.method();
		try {
			method.setAccessible(true);
			MethodHandle handle = MethodHandles.lookup().unreflect(method).bindTo(candidate.controller());
			int arity = method.getParameterCount();
			handle = handle.asType(MethodType.genericMethodType(arity));
			return (arity > HandlerMethod.MAX_UNSPREAD_ARITY) ? handle.asSpreader(Object[].class, arity) : handle;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			throw new ControllerDefinitionException("Controller method " + describe(candidate)
					+ " of socket server '" + this.serverName + "' cannot be called: " + ex);
		}
	}

	private void requireType(Candidate candidate, Parameter parameter, Class<?> expected, String annotation) {
		if (parameter.getType() != expected) {
			throw invalid(candidate, "binds " + annotation + " to " + parameter.getType().getSimpleName()
					+ "; it must be " + expected.getSimpleName());
		}
	}

	private ControllerDefinitionException invalid(Candidate candidate, String problem) {
		return new ControllerDefinitionException(
				"Controller method " + describe(candidate) + " of socket server '" + this.serverName + "' " + problem);
	}

	private static String describe(Candidate candidate) {
		return ControllerScanner.describe(candidate.method());
	}

	static Class<?> box(Class<?> type) {
		return MethodType.methodType(type).wrap().returnType();
	}

}
