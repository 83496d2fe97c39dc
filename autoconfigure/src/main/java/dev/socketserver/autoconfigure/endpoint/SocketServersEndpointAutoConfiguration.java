package dev.socketserver.autoconfigure.endpoint;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.autoconfigure.SocketServerProperties;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.wiretap.WireTapMasker;
import dev.socketserver.wiretap.WireTapSettings;
import dev.socketserver.wiretap.WireTaps;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@link SocketServersEndpoint}. As every endpoint, it is
 * only created when it is both accessible and exposed: over HTTP, add {@code socketservers} to
 * {@code management.endpoints.web.exposure.include}; {@code management.endpoint.socketservers.access=read-only}
 * keeps its read operations and removes the ones that close and tap connections. Its {@link WireTaps} follow
 * {@code socket.wiretap.*}; a {@link WireTapMasker} bean decides what they keep of each frame unless
 * {@code socket.wiretap.mask} keeps sizes only.
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
	SocketServersEndpoint socketServersEndpoint(ObjectProvider<SocketServer> servers,
			ObjectProvider<WireTaps> wireTaps, ObjectProvider<RemoteConnections> remoteConnections) {
		return new SocketServersEndpoint(servers, wireTaps.getIfAvailable(), remoteConnections.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "socket.wiretap.enabled", matchIfMissing = true)
	WireTaps socketWireTaps(SocketServerProperties properties, ObjectProvider<WireTapMasker> masker) {
		SocketServerProperties.Wiretap wiretap = properties.getWiretap();
		WireTapMasker chosen = wiretap.isMask() ? WireTapMasker.SIZES_ONLY : masker.getIfAvailable();
		try {
			return new WireTaps(WireTapSettings.DEFAULTS.withFrames(wiretap.getDefaultFrames(), wiretap.getMaxFrames())
				.withDurations(wiretap.getDefaultDuration(), wiretap.getMaxDuration())
				.withFrameCaps((int) wiretap.getMaxBytesPerFrame().toBytes(), wiretap.getMaxMessageLength())
				.withMaxTaps(wiretap.getMaxTaps())
				.withMasker(chosen));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("socket.wiretap", null, ex.getMessage());
		}
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
