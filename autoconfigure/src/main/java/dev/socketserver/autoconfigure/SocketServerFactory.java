package dev.socketserver.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.socketserver.autoconfigure.SocketServerProperties.Server;
import dev.socketserver.codec.Codec;
import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.unit.DataSize;

/**
 * Creates the servers declared under {@code socket.servers}: the one place where properties meet the core's
 * configuration builder, then user customizers.
 *
 * @since 0.1.0
 */
public class SocketServerFactory {

	private final Binder binder;

	private final EventLoops eventLoops;

	private final ListableBeanFactory beanFactory;

	private final ObjectProvider<SocketServerCustomizer> customizers;

	private final ObjectProvider<ConnectionListener> listeners;

	private final ObjectProvider<ChannelPipelineCustomizer> pipelineCustomizers;

	private final Duration defaultGracePeriod;

	private final boolean virtualThreads;

	private final SocketControllers controllers;

	SocketServerFactory(Binder binder, EventLoops eventLoops, ListableBeanFactory beanFactory,
			ObjectProvider<SocketServerCustomizer> customizers, ObjectProvider<ConnectionListener> listeners,
			ObjectProvider<ChannelPipelineCustomizer> pipelineCustomizers, Duration defaultGracePeriod,
			boolean virtualThreads) {
		this.binder = binder;
		this.eventLoops = eventLoops;
		this.beanFactory = beanFactory;
		this.customizers = customizers;
		this.listeners = listeners;
		this.pipelineCustomizers = pipelineCustomizers;
		this.defaultGracePeriod = defaultGracePeriod;
		this.virtualThreads = virtualThreads;
		this.controllers = new SocketControllers(beanFactory, binder);
	}

	/**
	 * Creates the server of the given name, not started.
	 * @param name the server's name under {@code socket.servers}
	 * @return the server
	 */
	public NettySocketServer create(String name) {
		return new NettySocketServer(configure(name, resolve(this.binder, name)).build(), this.eventLoops);
	}

	/**
	 * Returns a server's effective settings: {@code socket.defaults}, overridden by
	 * {@code socket.servers.<name>}.
	 * @param binder the binder of the environment
	 * @param name the server's name
	 * @return the settings
	 */
	static Server resolve(Binder binder, String name) {
		Server server = new Server();
		binder.bind("socket.defaults", Bindable.ofInstance(server));
		binder.bind(ConfigurationPropertyName.of("socket.servers").append(name), Bindable.ofInstance(server));
		return server;
	}

	SocketServerConfig.Builder configure(String name, Server server) {
		String prefix = "socket.servers." + name + ".";
		if (server.getPort() == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "port", null,
					"Socket server '" + name + "' needs a port (0 picks a free one)");
		}
		SocketServerConfig.Builder builder = SocketServerConfig.builder(name);
		PropertyMapper map = PropertyMapper.get();
		map.from(server::getAddress).to(builder::address);
		map.from(server::getPort).to(builder::port);
		Codec<?> codec = codec(prefix, name, server);
		builder.codec(codec);
		builder.handler(handler(prefix, name, server, codec));
		SocketServerProperties.Socket socket = server.getSocket();
		map.from(socket::getBacklog).to(builder::backlog);
		map.from(socket::isTcpNoDelay).to(builder::tcpNoDelay);
		map.from(socket::isKeepAlive).to(builder::keepAlive);
		map.from(socket::isReuseAddress).to(builder::reuseAddress);
		map.from(socket::getReceiveBufferSize).asInt(DataSize::toBytes).to(builder::receiveBufferSize);
		map.from(socket::getSendBufferSize).asInt(DataSize::toBytes).to(builder::sendBufferSize);
		int low = (int) socket.getWriteBufferLowWaterMark().toBytes();
		int high = (int) socket.getWriteBufferHighWaterMark().toBytes();
		if (high < low) {
			throw new InvalidConfigurationPropertyValueException(prefix + "socket.write-buffer-high-water-mark",
					socket.getWriteBufferHighWaterMark(), "Must not be below the low water mark (" + low + "B)");
		}
		builder.writeBufferWaterMarks(low, high);
		SocketServerProperties.Limits limits = server.getLimits();
		map.from(limits::getMaxConnections).to(builder::maxConnections);
		map.from(limits::getMaxConnectionsPerAddress).to(builder::maxConnectionsPerAddress);
		map.from(limits::getMaxPendingOutbound).as(DataSize::toBytes).to(builder::maxPendingOutboundBytes);
		map.from(limits::getSlowConsumerPolicy).to(builder::slowConsumerPolicy);
		map.from(limits::getUnwritableTimeout).to(builder::unwritableTimeout);
		map.from(limits::getHandlerErrorPolicy).to(builder::handlerErrorPolicy);
		map.from(limits::getFirstMessageTimeout).to(builder::firstMessageTimeout);
		map.from(limits::getFrameTimeout).to(builder::frameTimeout);
		SocketServerProperties.Heartbeat heartbeat = server.getHeartbeat();
		map.from(heartbeat::getReadIdleTimeout).to(builder::readIdleTimeout);
		map.from(heartbeat::getPingInterval).to(builder::pingInterval);
		map.from(heartbeat::getMaxMissedPings).to(builder::maxMissedPings);
		map.from(heartbeat::isPongRequired).to(builder::pongRequired);
		map.from(heartbeat::isAnswerPings).to(builder::answerPings);
		map.from(heartbeat::isDeliverPings).to(builder::deliverPings);
		map.from(heartbeat::getTick).to(builder::heartbeatTick);
		builder.heartbeatMessages(heartbeatMessages(prefix, server, codec));
		SocketServerProperties.Execution execution = server.getExecution();
		builder.executionMode(executionMode(prefix, execution));
		map.from(execution::getPoolSize).to(builder::handlerThreads);
		map.from(execution::getMailboxCapacity).to(builder::mailboxCapacity);
		map.from(server.getShutdown()::getGracePeriod).orFrom(() -> this.defaultGracePeriod)
			.to(builder::shutdownGracePeriod);
		SocketServerSecurity.configure(prefix, name, server, builder,
				this.beanFactory.getBeanProvider(SslBundles.class));
		this.listeners.orderedStream().forEach(builder::listener);
		this.pipelineCustomizers.orderedStream().forEach(builder::pipelineCustomizer);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	private Codec<?> codec(String prefix, String name, Server server) {
		String codecName = server.getCodec();
		if (this.beanFactory.containsBean(codecName) && this.beanFactory.isTypeMatch(codecName, Codec.class)) {
			return this.beanFactory.getBean(codecName, Codec.class);
		}
		Codec<?> codec = BuiltInCodecs.create(name, server, this.beanFactory);
		if (codec == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "codec", codecName,
					"Unknown codec: use one of " + String.join(", ", BuiltInCodecs.NAMES)
							+ ", or the name of a Codec bean");
		}
		return codec;
	}

	private ExecutionMode executionMode(String prefix, SocketServerProperties.Execution execution) {
		return switch (execution.getMode()) {
			case AUTO -> (this.virtualThreads && ExecutionMode.virtualThreadsAvailable()) ? ExecutionMode.VIRTUAL_THREADS
					: ExecutionMode.EVENT_LOOP;
			case EVENT_LOOP -> ExecutionMode.EVENT_LOOP;
			case POOL -> ExecutionMode.POOL;
			case VIRTUAL_THREADS -> {
				if (!ExecutionMode.virtualThreadsAvailable()) {
					throw new InvalidConfigurationPropertyValueException(prefix + "execution.mode", "virtual-threads",
							"Virtual threads need Java 21 or later; this is Java " + Runtime.version().feature());
				}
				yield ExecutionMode.VIRTUAL_THREADS;
			}
		};
	}

	/**
	 * Finds what pings and pongs look like: a named bean, the configured texts, the codec itself if it knows, or
	 * PING and PONG for the line codec.
	 */
	private @Nullable HeartbeatMessages<?> heartbeatMessages(String prefix, Server server, Codec<?> codec) {
		SocketServerProperties.Heartbeat heartbeat = server.getHeartbeat();
		String beanName = heartbeat.getMessages();
		if (beanName != null) {
			if (!this.beanFactory.containsBean(beanName)
					|| !this.beanFactory.isTypeMatch(beanName, HeartbeatMessages.class)) {
				throw new InvalidConfigurationPropertyValueException(prefix + "heartbeat.messages", beanName,
						"No HeartbeatMessages bean has this name");
			}
			return this.beanFactory.getBean(beanName, HeartbeatMessages.class);
		}
		boolean builtIn = BuiltInCodecs.NAMES.contains(server.getCodec()) && !this.beanFactory.containsBean(server.getCodec());
		SocketServerProperties.Payload payload = BuiltInCodecs.payloadOf(server);
		if (heartbeat.getPing() != null || heartbeat.getPong() != null) {
			if (heartbeat.getPing() == null || heartbeat.getPong() == null) {
				throw new InvalidConfigurationPropertyValueException(prefix + "heartbeat.ping", heartbeat.getPing(),
						"Set both heartbeat.ping and heartbeat.pong, or neither");
			}
			if (!builtIn || payload == SocketServerProperties.Payload.BUFFER || "json".equals(server.getCodec())) {
				throw new InvalidConfigurationPropertyValueException(prefix + "heartbeat.ping", heartbeat.getPing(),
						"Ping and pong texts need a built-in codec with string or bytes payloads; "
								+ "name a HeartbeatMessages bean in heartbeat.messages instead");
			}
			return (payload == SocketServerProperties.Payload.STRING)
					? HeartbeatMessages.strings(heartbeat.getPing(), heartbeat.getPong())
					: HeartbeatMessages.bytes(heartbeat.getPing().getBytes(server.getCharset()),
							heartbeat.getPong().getBytes(server.getCharset()));
		}
		if (codec instanceof HeartbeatMessages<?> messages) {
			return messages;
		}
		if (builtIn && "line".equals(server.getCodec()) && payload == SocketServerProperties.Payload.STRING) {
			return HeartbeatMessages.strings("PING", "PONG");
		}
		return null;
	}

	private SocketHandler<?> handler(String prefix, String name, Server server, Codec<?> codec) {
		String handlerName = server.getHandler();
		if (handlerName != null) {
			if (this.controllers.isController(handlerName)) {
				return this.controllers.handler(prefix, name, server, codec, List.of(handlerName));
			}
			this.controllers.handlerOverrides(name, handlerName);
			if (!this.beanFactory.containsBean(handlerName)
					|| !this.beanFactory.isTypeMatch(handlerName, SocketHandler.class)) {
				throw new InvalidConfigurationPropertyValueException(prefix + "handler", handlerName,
						"No SocketHandler bean has this name; candidates: " + handlerNames());
			}
			return this.beanFactory.getBean(handlerName, SocketHandler.class);
		}
		SocketHandler<?> controllers = this.controllers.handlerFor(prefix, name, server, codec);
		if (controllers != null) {
			return controllers;
		}
		@SuppressWarnings("rawtypes")
		Map<String, SocketHandler> handlers = this.beanFactory.getBeansOfType(SocketHandler.class);
		if (handlers.size() == 1) {
			return handlers.values().iterator().next();
		}
		throw new InvalidConfigurationPropertyValueException(prefix + "handler", null,
				handlers.isEmpty() ? "Define a SocketHandler bean or a @SocketController for this server"
						: "Several SocketHandler beans exist; name one of " + handlerNames());
	}

	private List<String> handlerNames() {
		return List.of(this.beanFactory.getBeanNamesForType(SocketHandler.class));
	}

}
