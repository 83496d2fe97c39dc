package dev.socketserver.autoconfigure;

import dev.socketserver.server.SocketServerConfig;

/**
 * Callback to customize the configuration of the servers created from properties, after the properties were
 * applied. Applies to every server; check {@link SocketServerConfig.Builder#name()} to target one.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SocketServerCustomizer {

	/**
	 * Customizes a server's configuration.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(SocketServerConfig.Builder builder);

}
