package dev.socketserver.demo;

import dev.socketserver.autoconfigure.SocketServerCustomizer;
import dev.socketserver.connection.Authentication;
import dev.socketserver.connection.IdentityTakeover;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.handler.controller.ControllerHandler;
import dev.socketserver.server.SocketServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The device gateway's authentication as {@code application.yml} declares it, for auto-configuration that does not
 * set it up yet: the controller's {@code @OnAuthenticate} method as the authenticator, and
 * {@code socket.servers.devices.auth.takeover=close-older}. Once the auto-configuration maps both, this changes
 * nothing (the authentication is already set, with that takeover) and can go.
 */
@TestConfiguration(proxyBeanMethods = false)
class DevicesAuthenticationTestConfiguration {

	@Bean
	SocketServerCustomizer devicesAuthentication(@Qualifier("devices") ObjectProvider<SocketServer> devices) {
		return (builder) -> {
			if (!builder.name().equals("devices")) {
				return;
			}
			if (builder.authentication() == null) {
				// The server is the one being built: its handler is known only once it exists, on first use.
				SocketAuthenticator<Object> controller = (connection, message) -> {
					ControllerHandler handler = (ControllerHandler) devices.getObject().config().handler();
					return handler.authenticator().authenticate(connection, message);
				};
				builder.authentication(Authentication.of(controller));
			}
			builder.authentication((authentication) -> authentication.withTakeover(IdentityTakeover.CLOSE_OLDER));
		};
	}

}
