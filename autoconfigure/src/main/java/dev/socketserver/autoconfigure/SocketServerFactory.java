package dev.socketserver.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.socketserver.autoconfigure.SocketServerProperties.Payload;
import dev.socketserver.autoconfigure.SocketServerProperties.Server;
import dev.socketserver.codec.Codec;
import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatMessages;
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

	private final EventLoops eventLoops;

	private final ListableBeanFactory beanFactory;

	private final SocketServerPropertiesMapper properties;

	private final SocketControllers controllers;

	private final ObjectProvider<SocketServerCustomizer> customizers;

	private final ObjectProvider<ConnectionListener> listeners;

	private final ObjectProvider<ChannelPipelineCustomizer> pipelineCustomizers;

	SocketServerFactory(Map<String, DeclaredServer> servers, EventLoops eventLoops, ListableBeanFactory beanFactory,
			SocketServerPropertiesMapper properties, ObjectProvider<SocketServerCustomizer> customizers,
			ObjectProvider<ConnectionListener> listeners,
					ObjectProvider<ChannelPipelineCustomizer> pipelineCustomizers) {
		this.servers = servers;
		this.eventLoops = eventLoops;
		this.beanFactory = beanFactory;
		this.properties = properties;
		this.controllers = new SocketControllers(beanFactory, servers.keySet());
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
		Codec<?> codec = codec(server);
		builder.codec(codec);
		builder.heartbeatMessages(heartbeatMessages(server, codec));
		SocketHandler<?> handler = handler(server, codec);
		builder.handler(handler);
		SocketServerAuthentication.configure(server, handler, builder, this.beanFactory);
		builder.requests(SocketServerRequests.policy(server, this.beanFactory));
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
		String name = server.properties().getCodec();
		return isBean(name, Codec.class) ? null : BuiltInCodec.named(name);
	}

	private Codec<?> codec(DeclaredServer server) {
		String name = server.properties().getCodec();
		if (isBean(name, Codec.class)) {
			return this.beanFactory.getBean(name, Codec.class);
		}
		BuiltInCodec builtIn = BuiltInCodec.named(name);
		if (builtIn == null) {
			throw new InvalidConfigurationPropertyValueException(server.property("codec"), name,
					"Unknown codec: use one of " + BuiltInCodec.names() + ", or the name of a Codec bean");
		}
		return builtIn.create(server, this.beanFactory);
	}

	/**
	 * Finds what pings and pongs look like: a named bean, the configured texts, the codec itself if it knows, or
	 * PING and PONG for the line codec.
	 */
	private @Nullable HeartbeatMessages<?> heartbeatMessages(DeclaredServer declared, Codec<?> codec) {
		SocketServerProperties.Heartbeat heartbeat = declared.properties().getHeartbeat();
		String beanName = heartbeat.getMessages();
		if (beanName != null) {
			if (!isBean(beanName, HeartbeatMessages.class)) {
				throw new InvalidConfigurationPropertyValueException(declared.property("heartbeat.messages"), beanName,
						"No HeartbeatMessages bean has this name");
			}
			return this.beanFactory.getBean(beanName, HeartbeatMessages.class);
		}
		BuiltInCodec builtIn = builtInCodec(declared);
		Server server = declared.properties();
		Payload payload = (builtIn != null) ? builtIn.payload(server) : null;
		if (heartbeat.getPing() != null || heartbeat.getPong() != null) {
			if (heartbeat.getPing() == null || heartbeat.getPong() == null) {
				throw new InvalidConfigurationPropertyValueException(declared.property("heartbeat.ping"),
						heartbeat.getPing(), "Set both heartbeat.ping and heartbeat.pong, or neither");
			}
			if (payload == null || payload == Payload.BUFFER || builtIn == BuiltInCodec.JSON) {
				throw new InvalidConfigurationPropertyValueException(declared.property("heartbeat.ping"),
						heartbeat.getPing(), "Ping and pong texts need a built-in codec with string or bytes "
								+ "payloads; name a HeartbeatMessages bean in heartbeat.messages instead");
			}
			return (payload == Payload.STRING) ? HeartbeatMessages.strings(heartbeat.getPing(), heartbeat.getPong())
					: HeartbeatMessages.bytes(heartbeat.getPing().getBytes(server.getCharset()),
							heartbeat.getPong().getBytes(server.getCharset()));
		}
		if (codec instanceof HeartbeatMessages<?> messages) {
			return messages;
		}
		if (builtIn == BuiltInCodec.LINE && payload == Payload.STRING) {
			return HeartbeatMessages.strings("PING", "PONG");
		}
		return null;
	}

	private SocketHandler<?> handler(DeclaredServer server, Codec<?> codec) {
		BuiltInCodec builtIn = builtInCodec(server);
		String handlerName = server.properties().getHandler();
		if (handlerName != null) {
			if (this.controllers.isController(handlerName)) {
				return this.controllers.handler(server, builtIn, codec, List.of(handlerName));
			}
			this.controllers.handlerOverrides(server.name(), handlerName);
			if (!isBean(handlerName, SocketHandler.class)) {
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
		Map<String, SocketHandler> handlers = this.beanFactory.getBeansOfType(SocketHandler.class);
		if (handlers.size() == 1) {
			return handlers.values().iterator().next();
		}
		throw new InvalidConfigurationPropertyValueException(server.property("handler"), null,
				handlers.isEmpty() ? "Define a SocketHandler bean or a @SocketController for this server"
						: "Several SocketHandler beans exist; name one of " + handlerNames());
	}

	private boolean isBean(String name, Class<?> type) {
		return this.beanFactory.containsBean(name) && this.beanFactory.isTypeMatch(name, type);
	}

	private List<String> handlerNames() {
		return List.of(this.beanFactory.getBeanNamesForType(SocketHandler.class));
	}

}
