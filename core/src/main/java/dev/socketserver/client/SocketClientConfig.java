package dev.socketserver.client;

import java.net.InetSocketAddress;
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
import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.request.Correlation;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.server.SocketOptions;
import dev.socketserver.ssl.ClientSsl;
import dev.socketserver.ssl.ServerSsl;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Everything a client needs, one immutable value per concern, as {@code SocketServerConfig} is for a server: its
 * connections are made of the same settings, and the settings of accepting (PROXY protocol, access rules,
 * connection rate, authentication) are empty.
 *
 * <pre class="code">
 * SocketClientConfig config = SocketClientConfig.builder("orders")
 *     .endpoint("orders-1.internal", 7000)
 *     .endpoint("orders-2.internal", 7000)
 *     .codec(MessageCodec.of(new LineFraming(8192, LineDelimiter.LF), PayloadCodec.string(UTF_8)))
 *     .correlation(Correlation.inOrder())
 *     .build();
 * </pre>
 *
 * @param name the client's name, unique in its application
 * @param endpoints the servers to connect to, tried in turn: the next one after each failure
 * @param codec the codec of its messages
 * @param handler the handler of the messages the server sends unsolicited (not replies to requests)
 * @param connectTimeout how long a TCP connect may take
 * @param reconnect when to connect again after a failure or a lost connection
 * @param failBack whether to go back to the first endpoint once it is reachable again
 * @param heartbeat when the client pings a quiet server and when it considers the link dead
 * @param heartbeatMessages what pings and pongs look like, or {@code null} for no pings
 * @param requests how requests are matched with replies, or {@code null} for a client that only sends
 * @param clientSsl the TLS side, or {@code null} for plain TCP
 * @param whileDisconnected what sends and requests do while there is no connection
 * @param queueCapacity how many sends and requests may wait while disconnected, with {@link WhileDisconnected#QUEUE}
 * @param poolSize how many connections to keep open; sends and requests are spread over them in turn
 * @param socketOptions the TCP options (the backlog and address reuse do not apply)
 * @param allocator the allocator of the connections' buffers
 * @param limits the caps on what connections may hold (the connection counts do not apply)
 * @param execution where the handler runs
 * @param handlerTimer what times handler invocations, or {@code null} for untimed ones
 * @param listeners the listeners of every connection's open and close
 * @param pipelineCustomizers the customizers of every connection's pipeline
 * @since 0.1.0
 */
public record SocketClientConfig(String name, List<InetSocketAddress> endpoints, Codec<?> codec,
		SocketHandler<?> handler, Duration connectTimeout, Reconnect reconnect, FailBack failBack,
		HeartbeatPolicy heartbeat, @Nullable HeartbeatMessages<?> heartbeatMessages, @Nullable RequestPolicy requests,
		@Nullable ClientSsl clientSsl, WhileDisconnected whileDisconnected, int queueCapacity, int poolSize,
		SocketOptions socketOptions, ByteBufAllocator allocator, ConnectionLimits limits, Execution execution,
		@Nullable HandlerTimer handlerTimer, List<ConnectionListener> listeners,
		List<ChannelPipelineCustomizer> pipelineCustomizers) implements ConnectionSettings {

	/**
	 * Connect timeout by default.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Capacity of the queue of sends and requests while disconnected by default.
	 */
	public static final int DEFAULT_QUEUE_CAPACITY = 1000;

	/**
	 * Heartbeat by default: no idle timeout (a server may rightly have nothing to say), no pings (3 missed when
	 * enabled), pings of the server answered, a 1-second tick.
	 */
	public static final HeartbeatPolicy DEFAULT_HEARTBEAT = HeartbeatPolicy.DEFAULTS.withReadIdleTimeout(Duration.ZERO);

	/**
	 * Limits by default: those of servers, but no first-message timeout, since a server may send nothing first.
	 */
	public static final ConnectionLimits DEFAULT_LIMITS = ConnectionLimits.DEFAULTS.withMaxConnections(0)
		.withFirstMessageTimeout(Duration.ZERO);

	private static final SocketHandler<Object> IGNORING = (connection, message) -> {
	};

	/**
	 * Validates the configuration.
	 */
	public SocketClientConfig {
		Objects.requireNonNull(name, "'name' must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("'name' must not be blank");
		}
		endpoints = List.copyOf(endpoints);
		if (endpoints.isEmpty()) {
			throw new IllegalArgumentException("Socket client '" + name + "' has no endpoint");
		}
		Objects.requireNonNull(codec, () -> "Socket client '" + name + "' has no codec");
		Objects.requireNonNull(handler, "'handler' must not be null");
		Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
		if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("'connectTimeout' must be positive and below 24 days");
		}
		Objects.requireNonNull(reconnect, "'reconnect' must not be null");
		Objects.requireNonNull(failBack, "'failBack' must not be null");
		Objects.requireNonNull(heartbeat, "'heartbeat' must not be null");
		Objects.requireNonNull(whileDisconnected, "'whileDisconnected' must not be null");
		if (queueCapacity < 1) {
			throw new IllegalArgumentException("'queueCapacity' must be at least 1");
		}
		if (poolSize < 1) {
			throw new IllegalArgumentException("'poolSize' must be at least 1");
		}
		Objects.requireNonNull(socketOptions, "'socketOptions' must not be null");
		Objects.requireNonNull(allocator, "'allocator' must not be null");
		Objects.requireNonNull(limits, "'limits' must not be null");
		Objects.requireNonNull(execution, "'execution' must not be null");
		listeners = List.copyOf(listeners);
		pipelineCustomizers = List.copyOf(pipelineCustomizers);
	}

	/**
	 * Starts building the configuration of a client.
	 * @param name the client's name, unique in its application
	 * @return the builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	@Override
	public @Nullable ServerSsl ssl() {
		return null;
	}

	@Override
	public @Nullable ProxyProtocol proxyProtocol() {
		return null;
	}

	@Override
	public @Nullable AccessRules accessRules() {
		return null;
	}

	@Override
	public @Nullable ConnectionRateLimit connectionRateLimit() {
		return null;
	}

	@Override
	public @Nullable MessageRateLimit messageRateLimit() {
		return null;
	}

	@Override
	public @Nullable Authentication authentication() {
		return null;
	}

	@Override
	public String toString() {
		return "SocketClientConfig[" + this.name + ", " + this.endpoints + ", " + this.codec + "]";
	}

	/**
	 * Builder of a {@link SocketClientConfig}: each concern is set as a whole, or changed from its current value.
	 */
	public static final class Builder {

		private final String name;

		private final List<InetSocketAddress> endpoints = new ArrayList<>();

		private @Nullable Codec<?> codec;

		private SocketHandler<?> handler = IGNORING;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Reconnect reconnect = Reconnect.DEFAULTS;

		private FailBack failBack = FailBack.DEFAULTS;

		private HeartbeatPolicy heartbeat = DEFAULT_HEARTBEAT;

		private @Nullable HeartbeatMessages<?> heartbeatMessages;

		private @Nullable RequestPolicy requests;

		private @Nullable ClientSsl clientSsl;

		private WhileDisconnected whileDisconnected = WhileDisconnected.FAIL;

		private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

		private int poolSize = 1;

		private SocketOptions socketOptions = SocketOptions.DEFAULTS;

		private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

		private ConnectionLimits limits = DEFAULT_LIMITS;

		private Execution execution = Execution.DEFAULTS;

		private @Nullable HandlerTimer handlerTimer;

		private final List<ConnectionListener> listeners = new ArrayList<>();

		private final List<ChannelPipelineCustomizer> pipelineCustomizers = new ArrayList<>();

		private Builder(String name) {
			this.name = Objects.requireNonNull(name, "'name' must not be null");
		}

		/**
		 * Returns the name of the client being configured.
		 * @return the name
		 */
		public String name() {
			return this.name;
		}

		/**
		 * Adds an endpoint, resolved anew at each attempt.
		 * @param host the host name or address
		 * @param port the port
		 * @return this builder
		 */
		public Builder endpoint(String host, int port) {
			return endpoint(InetSocketAddress.createUnresolved(host, port));
		}

		/**
		 * Adds an endpoint.
		 * @param endpoint the address, resolved or not (then resolved at each attempt)
		 * @return this builder
		 */
		public Builder endpoint(InetSocketAddress endpoint) {
			this.endpoints.add(Objects.requireNonNull(endpoint, "'endpoint' must not be null"));
			return this;
		}

		/**
		 * Replaces the endpoints.
		 * @param endpoints the addresses, in the order they are tried
		 * @return this builder
		 */
		public Builder endpoints(Collection<InetSocketAddress> endpoints) {
			this.endpoints.clear();
			endpoints.forEach(this::endpoint);
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
		 * Sets the handler of the messages the server sends unsolicited; by default they are ignored.
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder handler(SocketHandler<?> handler) {
			this.handler = Objects.requireNonNull(handler, "'handler' must not be null");
			return this;
		}

		/**
		 * Sets how long a TCP connect may take.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
			return this;
		}

		/**
		 * Changes the reconnect policy, starting from the current one.
		 * @param change the change, such as {@code (reconnect) -> reconnect.withMaxDelay(Duration.ofSeconds(5))}
		 * @return this builder
		 */
		public Builder reconnect(UnaryOperator<Reconnect> change) {
			this.reconnect = Objects.requireNonNull(change.apply(this.reconnect), "'reconnect'");
			return this;
		}

		/**
		 * Changes the fail-back settings, starting from the current ones.
		 * @param change the change, such as {@code (failBack) -> failBack.withEnabled(true)}
		 * @return this builder
		 */
		public Builder failBack(UnaryOperator<FailBack> change) {
			this.failBack = Objects.requireNonNull(change.apply(this.failBack), "'failBack'");
			return this;
		}

		/**
		 * Changes the heartbeat policy, starting from the current one.
		 * @param change the change, such as {@code (heartbeat) -> heartbeat.withPingInterval(interval)}
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
		 * Sets how requests are matched with their replies.
		 * @param requests the policy, or {@code null} for a client that only sends
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
		 * Turns TLS on.
		 * @param clientSsl the TLS side of the client, or {@code null} for plain TCP
		 * @return this builder
		 */
		public Builder ssl(@Nullable ClientSsl clientSsl) {
			this.clientSsl = clientSsl;
			return this;
		}

		/**
		 * Sets what sends and requests do while there is no connection.
		 * @param whileDisconnected fail at once, or queue
		 * @return this builder
		 */
		public Builder whileDisconnected(WhileDisconnected whileDisconnected) {
			this.whileDisconnected = Objects.requireNonNull(whileDisconnected, "'whileDisconnected' must not be null");
			return this;
		}

		/**
		 * Queues sends and requests while disconnected, up to a capacity.
		 * @param capacity how many may wait
		 * @return this builder
		 */
		public Builder queueWhileDisconnected(int capacity) {
			this.whileDisconnected = WhileDisconnected.QUEUE;
			this.queueCapacity = capacity;
			return this;
		}

		/**
		 * Sets how many connections to keep open.
		 * @param poolSize the number of connections, at least 1
		 * @return this builder
		 */
		public Builder poolSize(int poolSize) {
			this.poolSize = poolSize;
			return this;
		}

		/**
		 * Changes the TCP options, starting from the current ones.
		 * @param change the change, such as {@code (options) -> options.withKeepAlive(false)}
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
		 * @param change the change, such as {@code (limits) -> limits.withFrameTimeout(timeout)}
		 * @return this builder
		 */
		public Builder limits(UnaryOperator<ConnectionLimits> change) {
			this.limits = Objects.requireNonNull(change.apply(this.limits), "'limits'");
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
		 * Sets the timer of handler invocations.
		 * @param handlerTimer the timer, or {@code null} to not time handlers
		 * @return this builder
		 */
		public Builder handlerTimer(@Nullable HandlerTimer handlerTimer) {
			this.handlerTimer = handlerTimer;
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
		 * Adds a pipeline customizer.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder pipelineCustomizer(ChannelPipelineCustomizer customizer) {
			this.pipelineCustomizers.add(Objects.requireNonNull(customizer, "'customizer' must not be null"));
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws NullPointerException if the codec is missing
		 * @throws IllegalArgumentException if there is no endpoint or a value is out of range
		 */
		public SocketClientConfig build() {
			return new SocketClientConfig(this.name, this.endpoints,
					Objects.requireNonNull(this.codec, () -> "Socket client '" + this.name + "' has no codec"),
					this.handler, this.connectTimeout, this.reconnect, this.failBack, this.heartbeat,
					this.heartbeatMessages, this.requests, this.clientSsl, this.whileDisconnected, this.queueCapacity,
					this.poolSize, this.socketOptions, this.allocator, this.limits, this.execution, this.handlerTimer,
					this.listeners, this.pipelineCustomizers);
		}

	}

}
