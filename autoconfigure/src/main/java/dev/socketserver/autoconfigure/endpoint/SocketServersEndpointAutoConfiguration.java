package dev.socketserver.autoconfigure.endpoint;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@link SocketServersEndpoint}. As every endpoint, it is
 * only created when it is both accessible and exposed: over HTTP, add {@code socketservers} to
 * {@code management.endpoints.web.exposure.include}; {@code management.endpoint.socketservers.access=read-only}
 * keeps its read operations and removes the one that closes connections.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, NettySocketServer.class })
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(SocketServersEndpoint.class)
public final class SocketServersEndpointAutoConfiguration {

	SocketServersEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServersEndpoint socketServersEndpoint(ObjectProvider<SocketServer> servers) {
		return new SocketServersEndpoint(servers);
	}

	/**
	 * The HTTP specifics, when the endpoint is exposed over HTTP.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(endpoint = SocketServersEndpoint.class, exposure = EndpointExposure.WEB)
	static class WebExtensionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketServersEndpointWebExtension socketServersEndpointWebExtension(SocketServersEndpoint endpoint) {
			return new SocketServersEndpointWebExtension(endpoint);
		}

	}

}
