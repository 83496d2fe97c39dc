package dev.socketserver.autoconfigure;

import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.SocketClient;
import dev.socketserver.transport.EventLoops;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link AutoConfiguration Auto-configuration} of socket clients: one client per entry of {@code socket.clients},
 * on the event loops the servers use, and the lifecycle that starts every {@link SocketClient} bean after the
 * servers and stops it before them.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class)
@ConditionalOnClass(NettySocketClient.class)
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
public final class SocketClientAutoConfiguration {

	SocketClientAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SocketClientFactory socketClientFactory(EventLoops eventLoops, ListableBeanFactory beanFactory,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<SocketClientCustomizer> customizers,
			Environment environment) {
		return new SocketClientFactory(DeclaredClient.bind(Binder.get(environment)), eventLoops, beanFactory,
				Threading.VIRTUAL.isActive(environment), sslBundles, customizers);
	}

	@Bean
	@ConditionalOnMissingBean
	SocketClientLifecycle socketClientLifecycle(ObjectProvider<SocketClient> clients) {
		return new SocketClientLifecycle(clients);
	}

	/**
	 * Clients from properties, unless the application defines its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SocketClient.class)
	@Import(SocketClientBeanRegistrar.class)
	static class PropertiesClientsConfiguration {

	}

}
