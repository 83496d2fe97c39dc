package dev.socketserver.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.socketserver.access.AccessRules;
import dev.socketserver.access.ConnectionRateLimit;
import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.codec.Codec;
import dev.socketserver.connection.Authentication;
import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.ConnectionLimits;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.ConnectionSettings;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.dispatch.Execution;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.request.Correlation;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.ssl.ServerSsl;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Everything a server needs, one immutable value per concern: the defaults live in those values
 * ({@link SocketOptions#DEFAULTS}, {@link ConnectionLimits#DEFAULTS}, {@link HeartbeatPolicy#DEFAULTS},
 * {@link Execution#DEFAULTS}), and the server hands them to its connections as they are.
 *
 * <pre class="code">
 * SocketServerConfig config = SocketServerConfig.builder("echo")
 *     .port(7000)
 *     .codec(MessageCodec.of(new LineFraming(8192, LineDelimiter.LF), PayloadCodec.string(UTF_8)))
 *     .handler((connection, line) -&gt; connection.offer(line))
 *     .limits((limits) -&gt; limits.withMaxConnections(50_000))
 *     .build();
 * </pre>
 *
 * @param name the server's name, unique in its application
 * @param address the address to bind, or {@code null} for all interfaces
 * @param port the port to bind, 0 to pick a free one
 * @param codec the codec of its messages
 * @param handler the application's handler
 * @param socketOptions the TCP options
 * @param allocator the allocator of the connections' buffers
 * @param limits the caps on what connections may hold
 * @param heartbeat when connections are considered dead, and how quiet ones are pinged
 * @param heartbeatMessages what pings and pongs look like, or {@code null} for no pings
 * @param shutdownGracePeriod how long a graceful shutdown waits for connections to finish
 * @param listeners the listeners of every connection's open and close
 * @param pipelineCustomizers the customizers of every connection's pipeline
 * @param handlerTimer what times handler invocations, or {@code null} for untimed ones
 * @param execution where the handler runs
 * @param ssl the TLS side, or {@code null} for plain TCP
 * @param proxyProtocol whether connections from trusted proxies start with a PROXY header, or {@code null}
 * @param accessRules which remote addresses may connect, or {@code null} for all
 * @param connectionRateLimit how many connections one address may open per second, or {@code null}
 * @param messageRateLimit how many messages one connection may send per second, or {@code null}
 * @param authentication how connections prove who they are before they are served, or {@code null} to serve
 * every connection at once
 * @param requests how connections send requests and match their replies, or {@code null} for a server that
 * only sends
 * @since 0.1.0
 */
public record SocketServerConfig(String name, @Nullable InetAddress address, int port, Codec<?> codec,
		SocketHandler<?> handler, SocketOptions socketOptions, ByteBufAllocator allocator, ConnectionLimits limits,
		HeartbeatPolicy heartbeat, @Nullable HeartbeatMessages<?> heartbeatMessages, Duration shutdownGracePeriod,
		List<ConnectionListener> listeners, List<ChannelPipelineCustomizer> pipelineCustomizers,
		@Nullable HandlerTimer handlerTimer, Execution execution, @Nullable ServerSsl ssl,
		@Nullable ProxyProtocol proxyProtocol, @Nullable AccessRules accessRules,
		@Nullable ConnectionRateLimit connectionRateLimit,
		@Nullable MessageRateLimit messageRateLimit,
		@Nullable Authentication authentication, @Nullable RequestPolicy requests) implements ConnectionSettings {

	/**
	 * Validates the configuration.
	 */
	public SocketServerConfig {
		Objects.requireNonNull(name, "'name' must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("'name' must not be blank");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("'port' must be between 0 and 65535, not " + port);
		}
		Objects.requireNonNull(codec, () -> "Socket server '" + name + "' has no codec");
		Objects.requireNonNull(handler, () -> "Socket server '" + name + "' has no handler");
		Objects.requireNonNull(socketOptions, "'socketOptions' must not be null");
		Objects.requireNonNull(allocator, "'allocator' must not be null");
		Objects.requireNonNull(limits, "'limits' must not be null");
		Objects.requireNonNull(heartbeat, "'heartbeat' must not be null");
		Objects.requireNonNull(shutdownGracePeriod, "'shutdownGracePeriod' must not be null");
		if (shutdownGracePeriod.isNegative()) {
			throw new IllegalArgumentException("'shutdownGracePeriod' must not be negative");
		}
		Objects.requireNonNull(execution, "'execution' must not be null");
		listeners = List.copyOf(listeners);
		pipelineCustomizers = List.copyOf(pipelineCustomizers);
	}

	/**
	 * Starts building the configuration of a server.
	 * @param name the server's name, unique in its application
	 * @return the builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Returns where the handler runs.
	 * @return the execution mode
	 */
	public ExecutionMode executionMode() {
		return this.execution.mode();
	}

	@Override
	public String toString() {
		return "SocketServerConfig[" + this.name + ", port " + this.port + ", " + this.codec + "]";
	}

	/**
	 * Builder of a {@link SocketServerConfig}: each concern is set as a whole, or changed from its current value.
	 */
	public static final class Builder {

		private final String name;

		private @Nullable InetAddress address;

		private int port;

		private @Nullable Codec<?> codec;

		private @Nullable SocketHandler<?> handler;

		private SocketOptions socketOptions = SocketOptions.DEFAULTS;

		private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

		private ConnectionLimits limits = ConnectionLimits.DEFAULTS;

		private HeartbeatPolicy heartbeat = HeartbeatPolicy.DEFAULTS;

		private @Nullable HeartbeatMessages<?> heartbeatMessages;

		private Duration shutdownGracePeriod = Duration.ofSeconds(30);

		private final List<ConnectionListener> listeners = new ArrayList<>();

		private final List<ChannelPipelineCustomizer> pipelineCustomizers = new ArrayList<>();

		private @Nullable HandlerTimer handlerTimer;

		private Execution execution = Execution.DEFAULTS;

		private @Nullable ServerSsl ssl;

		private @Nullable ProxyProtocol proxyProtocol;

		private @Nullable AccessRules accessRules;

		private @Nullable ConnectionRateLimit connectionRateLimit;

		private @Nullable MessageRateLimit messageRateLimit;

		private @Nullable Authentication authentication;

		private @Nullable RequestPolicy requests;

		private Builder(String name) {
			this.name = Objects.requireNonNull(name, "'name' must not be null");
		}

		/**
		 * Returns the name of the server being configured.
		 * @return the name
		 */
		public String name() {
			return this.name;
		}

		/**
		 * Sets the address to bind.
		 * @param address the address, or {@code null} for all interfaces
		 * @return this builder
		 */
		public Builder address(@Nullable InetAddress address) {
			this.address = address;
			return this;
		}

		/**
		 * Sets the port to bind.
		 * @param port the port, 0 to pick a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 0 and 65535, not " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Sets the codec.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder codec(Codec<?> codec) {
			this.codec = Objects.requireNonNull(codec, "'codec' must not be null");
			return this;
		}

		/**
		 * Sets the application's handler.
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder handler(SocketHandler<?> handler) {
			this.handler = Objects.requireNonNull(handler, "'handler' must not be null");
			return this;
		}

		/**
		 * Changes the TCP options, starting from the current ones.
		 * @param change the change, such as {@code (options) -> options.withBacklog(4096)}
		 * @return this builder
		 */
		public Builder socketOptions(UnaryOperator<SocketOptions> change) {
			this.socketOptions = Objects.requireNonNull(change.apply(this.socketOptions), "'socketOptions'");
			return this;
		}

		/**
		 * Sets the allocator of the connections' buffers.
		 * @param allocator the allocator
		 * @return this builder
		 */
		public Builder allocator(ByteBufAllocator allocator) {
			this.allocator = Objects.requireNonNull(allocator, "'allocator' must not be null");
			return this;
		}

		/**
		 * Changes the connection limits, starting from the current ones.
		 * @param change the change, such as {@code (limits) -> limits.withMaxConnections(200)}
		 * @return this builder
		 */
		public Builder limits(UnaryOperator<ConnectionLimits> change) {
			this.limits = Objects.requireNonNull(change.apply(this.limits), "'limits'");
			return this;
		}

		/**
		 * Changes the heartbeat policy, starting from the current one.
		 * @param change the change, such as {@code (heartbeat) -> heartbeat.withReadIdleTimeout(timeout)}
		 * @return this builder
		 */
		public Builder heartbeat(UnaryOperator<HeartbeatPolicy> change) {
			this.heartbeat = Objects.requireNonNull(change.apply(this.heartbeat), "'heartbeat'");
			return this;
		}

		/**
		 * Sets what pings and pongs look like; without them there are no pings.
		 * @param heartbeatMessages the messages, or {@code null}
		 * @return this builder
		 */
		public Builder heartbeatMessages(@Nullable HeartbeatMessages<?> heartbeatMessages) {
			this.heartbeatMessages = heartbeatMessages;
			return this;
		}

		/**
		 * Sets how long a graceful shutdown waits for connections to finish their work.
		 * @param shutdownGracePeriod the grace period
		 * @return this builder
		 */
		public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
			this.shutdownGracePeriod = Objects.requireNonNull(shutdownGracePeriod, "'shutdownGracePeriod'");
			return this;
		}

		/**
		 * Adds a connection listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(ConnectionListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
			return this;
		}

		/**
		 * Adds connection listeners.
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder listeners(Collection<? extends ConnectionListener> listeners) {
			listeners.forEach(this::listener);
			return this;
		}

		/**
		 * Adds a pipeline customizer.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder pipelineCustomizer(ChannelPipelineCustomizer customizer) {
			this.pipelineCustomizers.add(Objects.requireNonNull(customizer, "'customizer' must not be null"));
			return this;
		}

		/**
		 * Sets the timer of handler invocations; {@link HandlerTimer#SUMS_ONLY} only counts and sums them.
		 * @param handlerTimer the timer, or {@code null} to not time handlers
		 * @return this builder
		 */
		public Builder handlerTimer(@Nullable HandlerTimer handlerTimer) {
			this.handlerTimer = handlerTimer;
			return this;
		}

		/**
		 * Changes where the handler runs, starting from the current settings.
		 * @param change the change, such as {@code (execution) -> execution.withMode(ExecutionMode.POOL)}
		 * @return this builder
		 */
		public Builder execution(UnaryOperator<Execution> change) {
			this.execution = Objects.requireNonNull(change.apply(this.execution), "'execution'");
			return this;
		}

		/**
		 * Sets where the handler runs, keeping the other execution settings.
		 * @param mode the execution mode
		 * @return this builder
		 */
		public Builder executionMode(ExecutionMode mode) {
			return execution((execution) -> execution.withMode(mode));
		}

		/**
		 * Turns TLS on: connections are served only after their handshake, with the context current when they
		 * were accepted.
		 * @param ssl the TLS side of the server, or {@code null} for plain TCP
		 * @return this builder
		 */
		public Builder ssl(@Nullable ServerSsl ssl) {
			this.ssl = ssl;
			return this;
		}

		/**
		 * Makes connections from trusted proxies start with a PROXY protocol header naming the real client.
		 * @param proxyProtocol the settings, or {@code null} for none
		 * @return this builder
		 */
		public Builder proxyProtocol(@Nullable ProxyProtocol proxyProtocol) {
			this.proxyProtocol = proxyProtocol;
			return this;
		}

		/**
		 * Sets which remote addresses may connect; others are refused at accept time with
		 * {@code ACCESS_DENIED}.
		 * @param accessRules the rules, or {@code null} for all
		 * @return this builder
		 */
		public Builder accessRules(@Nullable AccessRules accessRules) {
			this.accessRules = (accessRules != null && accessRules.isEmpty()) ? null : accessRules;
			return this;
		}

		/**
		 * Limits how many new connections one remote address may open; more are refused at accept time with
		 * {@code RATE_LIMITED}.
		 * @param connectionRateLimit the limit, or {@code null} for none
		 * @return this builder
		 */
		public Builder connectionRateLimit(@Nullable ConnectionRateLimit connectionRateLimit) {
			this.connectionRateLimit = connectionRateLimit;
			return this;
		}

		/**
		 * Limits how many messages one connection may send.
		 * @param messageRateLimit the limit, or {@code null} for none
		 * @return this builder
		 */
		public Builder messageRateLimit(@Nullable MessageRateLimit messageRateLimit) {
			this.messageRateLimit = messageRateLimit;
			return this;
		}

		/**
		 * Sets how connections prove who they are before they are served: none by default.
		 * @param authentication the settings, or {@code null} to serve every connection at once
		 * @return this builder
		 */
		public Builder authentication(@Nullable Authentication authentication) {
			this.authentication = authentication;
			return this;
		}

		/**
		 * Changes how connections are authenticated; only once an authenticator is set.
		 * @param change the change to the current settings
		 * @return this builder
		 * @throws IllegalStateException if no authentication is set
		 */
		public Builder authentication(UnaryOperator<Authentication> change) {
			Authentication current = this.authentication;
			if (current == null) {
				throw new IllegalStateException("Socket server '" + this.name + "' has no authenticator to change");
			}
			this.authentication = change.apply(current);
			return this;
		}

		/**
		 * Returns how connections are authenticated so far.
		 * @return the settings, or {@code null} for none
		 */
		public @Nullable Authentication authentication() {
			return this.authentication;
		}

		/**
		 * Sets how connections send requests and match their replies (see {@code Connection#request}).
		 * @param requests the policy, or {@code null} for a server that only sends
		 * @return this builder
		 */
		public Builder requests(@Nullable RequestPolicy requests) {
			this.requests = requests;
			return this;
		}

		/**
		 * Sets the correlation of requests and replies, with the default in-flight limit and timeout.
		 * @param correlation how replies are matched with requests
		 * @return this builder
		 */
		public Builder correlation(Correlation<?> correlation) {
			this.requests = RequestPolicy.of(correlation);
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws NullPointerException if the codec or handler is missing
		 */
		public SocketServerConfig build() {
			return new SocketServerConfig(this.name, this.address, this.port,
					Objects.requireNonNull(this.codec, () -> "Socket server '" + this.name + "' has no codec"),
					Objects.requireNonNull(this.handler, () -> "Socket server '" + this.name + "' has no handler"),
					this.socketOptions, this.allocator, this.limits, this.heartbeat, this.heartbeatMessages,
					this.shutdownGracePeriod, this.listeners, this.pipelineCustomizers, this.handlerTimer,
					this.execution, this.ssl, this.proxyProtocol, this.accessRules, this.connectionRateLimit,
					this.messageRateLimit, this.authentication, this.requests);
		}

	}

}
