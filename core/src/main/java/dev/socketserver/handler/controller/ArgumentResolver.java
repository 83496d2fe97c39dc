package dev.socketserver.handler.controller;

import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Produces one argument of a controller method, chosen at start-up from the parameter's type and annotations.
 */
@FunctionalInterface
interface ArgumentResolver {

	/**
	 * Resolves the argument.
	 * @param connection the connection
	 * @param message the received message, for message methods
	 * @param extra the close reason for close methods, the error for error methods
	 */
	@Nullable Object resolve(Connection connection, @Nullable Object message, @Nullable Object extra);

}
