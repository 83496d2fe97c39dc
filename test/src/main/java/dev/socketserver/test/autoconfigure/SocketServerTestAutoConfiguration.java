package dev.socketserver.test.autoconfigure;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.autoconfigure.SocketServerCustomizer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.server.SocketServers;
import dev.socketserver.test.client.SocketTestClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * {@link AutoConfiguration Auto-configuration} for tests of socket servers, imported by
 * {@link AutoConfigureSocketServer @AutoConfigureSocketServer}: free ports when {@code socket.test.random-ports}
 * is {@code true}, the bound ports as {@code local.socket.server.port.<name>} properties, and a
 * {@link SocketTestClients} bean whose clients are closed before the servers shut down.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class)
@ConditionalOnBean(SocketServers.class)
public final class SocketServerTestAutoConfiguration {

	SocketServerTestAutoConfiguration() {
	}

	@Bean
	@ConditionalOnBooleanProperty("socket.test.random-ports")
	RandomPortsCustomizer socketServerRandomPortsCustomizer() {
		return new RandomPortsCustomizer();
	}

	@Bean
	SocketServerPortsPublisher socketServerPortsPublisher(ObjectProvider<SocketServers> servers) {
		return new SocketServerPortsPublisher(servers);
	}

	@Bean
	SocketTestClients socketTestClients(SocketServers servers) {
		return new SocketTestClients(servers);
	}

	@Bean
	SocketTestClientsCloser socketTestClientsCloser(SocketTestClients clients) {
		return new SocketTestClientsCloser(clients);
	}

	/**
	 * Binds every server from properties to port 0. Runs after the application's customizers, which may set a
	 * port of their own.
	 */
	static final class RandomPortsCustomizer implements SocketServerCustomizer, Ordered {

		@Override
		public void customize(SocketServerConfig.Builder builder) {
			builder.port(0);
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
