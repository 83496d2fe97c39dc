package dev.socketserver.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.routing.LocalMessageRouter;
import dev.socketserver.routing.MessageRouter;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;
import dev.socketserver.transport.EventLoops;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link AutoConfiguration Auto-configuration} of socket servers: shared event loops, one server per entry of
 * {@code socket.servers}, the lifecycle that starts and stops every {@link SocketServer} bean, the
 * application-wide {@link SocketServers} view and the local {@link MessageRouter} (replace it with a cluster
 * router bean to reach other nodes).
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(NettySocketServer.class)
@ConditionalOnBooleanProperty(name = "socket.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketServerProperties.class)
public final class SocketServerAutoConfiguration {

	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	SocketServerAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EventLoops socketServerEventLoops(SocketServerProperties properties) {
		EventLoops.Builder builder = EventLoops.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getTransport).to(builder::transport);
		map.from(properties::getBossThreads).to(builder::bossThreads);
		map.from(properties::getWorkerThreads).to(builder::workerThreads);
		map.from(properties::getLoopAssignment).to(builder::assignment);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServerFactory socketServerFactory(EventLoops eventLoops, ListableBeanFactory beanFactory,
			ObjectProvider<SocketServerCustomizer> customizers, ObjectProvider<ConnectionListener> listeners,
			ObjectProvider<ChannelPipelineCustomizer> pipelineCustomizers, ObjectProvider<SslBundles> sslBundles,
			Environment environment) {
		Binder binder = Binder.get(environment);
		Duration gracePeriod = binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
		SocketServerPropertiesMapper properties = new SocketServerPropertiesMapper(gracePeriod,
				Threading.VIRTUAL.isActive(environment), sslBundles);
		Set<String> clientHandlers = DeclaredClient.bind(binder)
			.values()
			.stream()
			.map((client) -> client.properties().getHandler())
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		return new SocketServerFactory(DeclaredServer.bind(binder), clientHandlers, eventLoops, beanFactory,
				properties, customizers, listeners, pipelineCustomizers);
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServerLifecycle socketServerLifecycle(ObjectProvider<SocketServer> servers) {
		return new SocketServerLifecycle(servers);
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServerGracefulShutdownLifecycle socketServerGracefulShutdownLifecycle(ObjectProvider<SocketServer> servers,
			ApplicationEventPublisher publisher) {
		return new SocketServerGracefulShutdownLifecycle(servers, publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServers socketServers(ObjectProvider<SocketServer> servers) {
		return new SocketServers(servers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	MessageRouter messageRouter(SocketServers socketServers) {
		return new LocalMessageRouter(socketServers);
	}

	/**
	 * Servers from properties, unless the application defines its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SocketServer.class)
	@Import(SocketServerBeanRegistrar.class)
	static class PropertiesServersConfiguration {

	}

}
