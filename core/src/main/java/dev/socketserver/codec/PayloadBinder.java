package dev.socketserver.codec;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Converts received messages to the types of controller payload parameters, such as a JSON tree to a POJO.
 * Consulted once per parameter at start-up; the returned binding runs per message.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PayloadBinder {

	/**
	 * Returns how to convert messages to the given type.
	 * @param targetType the parameter's generic type
	 * @return the binding, or {@code null} if this binder cannot produce that type
	 */
	@Nullable Binding binding(Type targetType);

	/**
	 * Converts one message. Thread-safe.
	 */
	@FunctionalInterface
	interface Binding {

		/**
		 * Converts a message.
		 * @param message the decoded message
		 * @return the payload
		 * @throws InvalidPayloadException if the message does not fit the type
		 */
		Object bind(Object message);

	}

}
