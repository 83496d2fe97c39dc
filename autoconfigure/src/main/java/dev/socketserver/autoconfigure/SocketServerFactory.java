package dev.socketserver.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.socketserver.codec.Codec;
import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Creates the servers declared under {@code socket.servers}: their properties mapped by the
 * {@link SocketServerPropertiesMapper}, their codec, heartbeat messages and handler resolved from beans or the
 * built-in codecs, their authentication decided from the handler and the {@code auth} properties, then the
 * application's listeners, pipeline customizers and {@link SocketServerCustomizer}s.
 *
 * @since 0.1.0
 */
public class SocketServerFactory {

	private final Map<String, DeclaredServer> servers;

	/** Handlers that clients name, which serve no server unless a server names them too. */
	private final Set<String> clientHandlers;

	private final EventLoops eventLoops;

	private final ListableBeanFactory beanFactory;

	private final SocketServerPropertiesMapper properties;

	private final SocketControllers controllers;

	private final Codecs codecs;

	private final ObjectProvider<SocketServerCustomizer> customizers;

	private final ObjectProvider<ConnectionListener> listeners;

	private final ObjectProvider<ChannelPipelineCustomizer> pipelineCustomizers;

	SocketServerFactory(Map<String, DeclaredServer> servers, Set<String> clientHandlers, EventLoops eventLoops,
			ListableBeanFactory beanFactory, SocketServerPropertiesMapper properties,
			ObjectProvider<SocketServerCustomizer> customizers, ObjectProvider<ConnectionListener> listeners,
			ObjectProvider<ChannelPipelineCustomizer> pipelineCustomizers) {
		this.servers = servers;
		this.clientHandlers = clientHandlers;
		this.eventLoops = eventLoops;
		this.beanFactory = beanFactory;
		this.properties = properties;
		this.controllers = new SocketControllers(beanFactory, servers.keySet(), clientHandlers);
		this.codecs = new Codecs(beanFactory);
		this.customizers = customizers;
		this.listeners = listeners;
		this.pipelineCustomizers = pipelineCustomizers;
	}

	/**
	 * Creates the server of the given name, not started.
	 * @param name the server's name under {@code socket.servers}
	 * @return the server
	 */
	public NettySocketServer create(String name) {
		DeclaredServer server = this.servers.get(name);
		if (server == null) {
			throw new IllegalArgumentException("No socket server '" + name + "' is declared under socket.servers");
		}
		return new NettySocketServer(configure(server).build(), this.eventLoops);
	}

	SocketServerConfig.Builder configure(DeclaredServer server) {
		SocketServerConfig.Builder builder = SocketServerConfig.builder(server.name());
		this.properties.map(server, builder);
		Codec<?> codec = this.codecs.codec(server);
		builder.codec(codec);
		SocketServerProperties.Heartbeat heartbeat = server.properties().getHeartbeat();
		builder.heartbeatMessages(this.codecs.heartbeatMessages(server, heartbeat.getPing(), heartbeat.getPong(),
				heartbeat.getMessages(), codec));
		SocketHandler<?> handler = handler(server, codec);
		builder.handler(handler);
		SocketServerAuthentication.configure(server, handler, builder, this.beanFactory);
		builder.requests(RequestPolicies.policy(server, server.properties().getRequests(), this.beanFactory));
		this.listeners.orderedStream().forEach(builder::listener);
		this.pipelineCustomizers.orderedStream().forEach(builder::pipelineCustomizer);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		// After the customizers: one of them may be what authenticates the server.
		SocketServerAuthentication.verify(server, handler, builder);
		return builder;
	}

	/**
	 * Returns the built-in codec a server uses, or {@code null} when it names a codec bean.
	 */
	@Nullable BuiltInCodec builtInCodec(DeclaredServer server) {
		return this.codecs.builtIn(server);
	}

	private SocketHandler<?> handler(DeclaredServer server, Codec<?> codec) {
		BuiltInCodec builtIn = builtInCodec(server);
		String handlerName = server.properties().getHandler();
		if (handlerName != null) {
			if (this.controllers.isController(handlerName)) {
				return this.controllers.handler(server, builtIn, codec, List.of(handlerName));
			}
			this.controllers.handlerOverrides(server.name(), handlerName);
			if (!this.codecs.isBean(handlerName, SocketHandler.class)) {
				throw new InvalidConfigurationPropertyValueException(server.property("handler"), handlerName,
						"No SocketHandler bean has this name; candidates: " + handlerNames());
			}
			return this.beanFactory.getBean(handlerName, SocketHandler.class);
		}
		SocketHandler<?> controllers = this.controllers.handlerFor(server, builtIn, codec);
		if (controllers != null) {
			return controllers;
		}
		@SuppressWarnings("rawtypes")
		Map<String, SocketHandler> handlers = new LinkedHashMap<>(this.beanFactory.getBeansOfType(SocketHandler.class));
		handlers.keySet().removeAll(this.clientHandlers);
		if (handlers.size() == 1) {
			return handlers.values().iterator().next();
		}
		throw new InvalidConfigurationPropertyValueException(server.property("handler"), null,
				handlers.isEmpty() ? "Define a SocketHandler bean or a @SocketController for this server"
						: "Several SocketHandler beans exist; name one of " + handlerNames());
	}

	private List<String> handlerNames() {
		return Stream.of(this.beanFactory.getBeanNamesForType(SocketHandler.class))
			.filter((name) -> !this.clientHandlers.contains(name))
			.toList();
	}

}
