package dev.socketserver.autoconfigure;

import dev.socketserver.client.SocketClientConfig;

/**
 * Callback to customize the configuration of the clients created from properties, after the properties were
 * applied: the place for what properties do not say, such as the correlation of requests and replies. Applies to
 * every client; check {@link SocketClientConfig.Builder#name()} to target one.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SocketClientCustomizer {

	/**
	 * Customizes a client's configuration.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(SocketClientConfig.Builder builder);

}
