package dev.socketserver.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import dev.socketserver.access.AccessRules;
import dev.socketserver.access.ConnectionRateLimit;
import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.codec.Codec;
import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.ConnectionLimits;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.HandlerErrorPolicy;
import dev.socketserver.connection.SlowConsumerPolicy;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.handler.HandlerTimer;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.handler.SocketHandler;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.ssl.ServerSsl;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Everything a server needs: its values and its parts. Immutable; all defaults live in the {@link Builder}.
 *
 * <pre class="code">
 * SocketServerConfig config = SocketServerConfig.builder("echo")
 *     .port(7000)
 *     .codec(MessageCodec.of(new LineFraming(8192, LineDelimiter.LF), PayloadCodec.string(UTF_8)))
 *     .handler((connection, line) -&gt; connection.offer(line))
 *     .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class SocketServerConfig {

	private final String name;

	private final @Nullable InetAddress address;

	private final int port;

	private final Codec<?> codec;

	private final SocketHandler<?> handler;

	private final SocketOptions socketOptions;

	private final ByteBufAllocator allocator;

	private final ConnectionLimits limits;

	private final HeartbeatPolicy heartbeat;

	private final @Nullable HeartbeatMessages<?> heartbeatMessages;

	private final Duration shutdownGracePeriod;

	private final List<ConnectionListener> listeners;

	private final List<ChannelPipelineCustomizer> pipelineCustomizers;

	private final @Nullable HandlerTimer handlerTimer;

	private final ExecutionMode executionMode;

	private final int handlerThreads;

	private final int mailboxCapacity;

	private final @Nullable Executor handlerExecutor;

	private final @Nullable ServerSsl ssl;

	private final @Nullable ProxyProtocol proxyProtocol;

	private final @Nullable AccessRules accessRules;

	private final @Nullable ConnectionRateLimit connectionRateLimit;

	private final @Nullable MessageRateLimit messageRateLimit;

	private SocketServerConfig(Builder builder) {
		this.name = builder.name;
		this.address = builder.address;
		this.port = builder.port;
		this.codec = Objects.requireNonNull(builder.codec, () -> "Socket server '" + this.name + "' has no codec");
		this.handler = Objects.requireNonNull(builder.handler,
				() -> "Socket server '" + this.name + "' has no handler");
		this.socketOptions = new SocketOptions(builder.backlog, builder.tcpNoDelay, builder.keepAlive,
				builder.reuseAddress, builder.receiveBufferSize, builder.sendBufferSize,
				builder.writeBufferLowWaterMark, builder.writeBufferHighWaterMark);
		this.allocator = builder.allocator;
		this.limits = new ConnectionLimits(builder.maxConnections, builder.maxConnectionsPerAddress,
				builder.maxPendingOutboundBytes, builder.slowConsumerPolicy, builder.unwritableTimeout,
				builder.handlerErrorPolicy, builder.firstMessageTimeout, builder.frameTimeout);
		this.heartbeat = new HeartbeatPolicy(builder.readIdleTimeout, builder.pingInterval, builder.maxMissedPings,
				builder.pongRequired, builder.answerPings, builder.deliverPings, builder.heartbeatTick);
		this.heartbeatMessages = builder.heartbeatMessages;
		this.shutdownGracePeriod = builder.shutdownGracePeriod;
		this.listeners = List.copyOf(builder.listeners);
		this.pipelineCustomizers = List.copyOf(builder.pipelineCustomizers);
		this.handlerTimer = builder.handlerTimer;
		this.executionMode = builder.executionMode;
		this.handlerThreads = builder.handlerThreads;
		this.mailboxCapacity = builder.mailboxCapacity;
		this.handlerExecutor = builder.handlerExecutor;
		this.ssl = builder.ssl;
		this.proxyProtocol = builder.proxyProtocol;
		this.accessRules = builder.accessRules;
		this.connectionRateLimit = builder.connectionRateLimit;
		this.messageRateLimit = builder.messageRateLimit;
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
	 * Returns the server's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the address to bind, or {@code null} for all interfaces.
	 * @return the address
	 */
	public @Nullable InetAddress address() {
		return this.address;
	}

	/**
	 * Returns the port to bind; 0 picks a free one.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the codec.
	 * @return the codec
	 */
	public Codec<?> codec() {
		return this.codec;
	}

	/**
	 * Returns the application's handler.
	 * @return the handler
	 */
	public SocketHandler<?> handler() {
		return this.handler;
	}

	/**
	 * Returns the TCP options.
	 * @return the options
	 */
	public SocketOptions socketOptions() {
		return this.socketOptions;
	}

	/**
	 * Returns the allocator of the connections' buffers.
	 * @return the allocator
	 */
	public ByteBufAllocator allocator() {
		return this.allocator;
	}

	/**
	 * Returns the connection limits.
	 * @return the limits
	 */
	public ConnectionLimits limits() {
		return this.limits;
	}

	/**
	 * Returns the heartbeat policy.
	 * @return the policy
	 */
	public HeartbeatPolicy heartbeat() {
		return this.heartbeat;
	}

	/**
	 * Returns what pings and pongs look like, or {@code null} if the protocol has none.
	 * @return the heartbeat messages
	 */
	public @Nullable HeartbeatMessages<?> heartbeatMessages() {
		return this.heartbeatMessages;
	}

	/**
	 * Returns how long a graceful shutdown waits for connections to finish their work.
	 * @return the grace period
	 */
	public Duration shutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	/**
	 * Returns the connection listeners.
	 * @return the listeners
	 */
	public List<ConnectionListener> listeners() {
		return this.listeners;
	}

	/**
	 * Returns the pipeline customizers.
	 * @return the customizers
	 */
	public List<ChannelPipelineCustomizer> pipelineCustomizers() {
		return this.pipelineCustomizers;
	}

	/**
	 * Returns the timer of handler invocations, or {@code null} when they are not timed.
	 * @return the timer
	 */
	public @Nullable HandlerTimer handlerTimer() {
		return this.handlerTimer;
	}

	/**
	 * Returns where the handler runs.
	 * @return the execution mode
	 */
	public ExecutionMode executionMode() {
		return this.executionMode;
	}

	/**
	 * Returns the size of the handler pool in {@link ExecutionMode#POOL}.
	 * @return the thread count
	 */
	public int handlerThreads() {
		return this.handlerThreads;
	}

	/**
	 * Returns how many messages of one connection may wait for the handler before the connection stops being
	 * read, off the event loop.
	 * @return the mailbox capacity
	 */
	public int mailboxCapacity() {
		return this.mailboxCapacity;
	}

	/**
	 * Returns the application's own executor for {@link ExecutionMode#POOL}, or {@code null} for a pool of the
	 * server's.
	 * @return the executor
	 */
	public @Nullable Executor handlerExecutor() {
		return this.handlerExecutor;
	}

	/**
	 * Returns the TLS side of the server, or {@code null} for plain TCP.
	 * @return the TLS settings
	 */
	public @Nullable ServerSsl ssl() {
		return this.ssl;
	}

	/**
	 * Returns the PROXY protocol settings, or {@code null} if connections do not start with a PROXY header.
	 * @return the settings
	 */
	public @Nullable ProxyProtocol proxyProtocol() {
		return this.proxyProtocol;
	}

	/**
	 * Returns which remote addresses may connect, or {@code null} for all.
	 * @return the rules
	 */
	public @Nullable AccessRules accessRules() {
		return this.accessRules;
	}

	/**
	 * Returns how many new connections one remote address may open, or {@code null} for no limit.
	 * @return the limit
	 */
	public @Nullable ConnectionRateLimit connectionRateLimit() {
		return this.connectionRateLimit;
	}

	/**
	 * Returns how many messages one connection may send, or {@code null} for no limit.
	 * @return the limit
	 */
	public @Nullable MessageRateLimit messageRateLimit() {
		return this.messageRateLimit;
	}

	@Override
	public String toString() {
		return "SocketServerConfig[name=" + this.name + ", address=" + this.address + ", port=" + this.port
				+ ", codec=" + this.codec + ", limits=" + this.limits + ", socketOptions=" + this.socketOptions + "]";
	}

	/**
	 * Builder of {@link SocketServerConfig}; every setter validates its argument at once.
	 */
	public static final class Builder {

		private final String name;

		private @Nullable InetAddress address;

		private int port;

		private @Nullable Codec<?> codec;

		private @Nullable SocketHandler<?> handler;

		private int backlog = SocketOptions.DEFAULTS.backlog();

		private boolean tcpNoDelay = SocketOptions.DEFAULTS.tcpNoDelay();

		private boolean keepAlive = SocketOptions.DEFAULTS.keepAlive();

		private boolean reuseAddress = SocketOptions.DEFAULTS.reuseAddress();

		private @Nullable Integer receiveBufferSize;

		private @Nullable Integer sendBufferSize;

		private int writeBufferLowWaterMark = SocketOptions.DEFAULTS.writeBufferLowWaterMark();

		private int writeBufferHighWaterMark = SocketOptions.DEFAULTS.writeBufferHighWaterMark();

		private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

		private int maxConnections = ConnectionLimits.DEFAULTS.maxConnections();

		private int maxConnectionsPerAddress = ConnectionLimits.DEFAULTS.maxConnectionsPerAddress();

		private long maxPendingOutboundBytes = ConnectionLimits.DEFAULTS.maxPendingOutboundBytes();

		private SlowConsumerPolicy slowConsumerPolicy = ConnectionLimits.DEFAULTS.slowConsumerPolicy();

		private Duration unwritableTimeout = ConnectionLimits.DEFAULTS.unwritableTimeout();

		private HandlerErrorPolicy handlerErrorPolicy = ConnectionLimits.DEFAULTS.handlerErrorPolicy();

		private Duration firstMessageTimeout = ConnectionLimits.DEFAULTS.firstMessageTimeout();

		private Duration frameTimeout = ConnectionLimits.DEFAULTS.frameTimeout();

		private Duration readIdleTimeout = HeartbeatPolicy.DEFAULTS.readIdleTimeout();

		private Duration pingInterval = HeartbeatPolicy.DEFAULTS.pingInterval();

		private int maxMissedPings = HeartbeatPolicy.DEFAULTS.maxMissedPings();

		private boolean pongRequired = HeartbeatPolicy.DEFAULTS.pongRequired();

		private boolean answerPings = HeartbeatPolicy.DEFAULTS.answerPings();

		private boolean deliverPings = HeartbeatPolicy.DEFAULTS.deliverPings();

		private Duration heartbeatTick = HeartbeatPolicy.DEFAULTS.tick();

		private @Nullable HeartbeatMessages<?> heartbeatMessages;

		private Duration shutdownGracePeriod = Duration.ofSeconds(30);

		private final List<ConnectionListener> listeners = new ArrayList<>();

		private final List<ChannelPipelineCustomizer> pipelineCustomizers = new ArrayList<>();

		private @Nullable HandlerTimer handlerTimer;

		private ExecutionMode executionMode = ExecutionMode.EVENT_LOOP;

		private int handlerThreads = 200;

		private int mailboxCapacity = 1024;

		private @Nullable Executor handlerExecutor;

		private @Nullable ServerSsl ssl;

		private @Nullable ProxyProtocol proxyProtocol;

		private @Nullable AccessRules accessRules;

		private @Nullable ConnectionRateLimit connectionRateLimit;

		private @Nullable MessageRateLimit messageRateLimit;

		private Builder(String name) {
			Objects.requireNonNull(name, "'name' must not be null");
			if (name.isBlank()) {
				throw new IllegalArgumentException("'name' must not be blank");
			}
			this.name = name;
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
		 * Sets the accept backlog.
		 * @param backlog the backlog, positive
		 * @return this builder
		 */
		public Builder backlog(int backlog) {
			if (backlog <= 0) {
				throw new IllegalArgumentException("'backlog' must be positive");
			}
			this.backlog = backlog;
			return this;
		}

		/**
		 * Sets whether small writes go out at once.
		 * @param tcpNoDelay whether to disable Nagle's algorithm
		 * @return this builder
		 */
		public Builder tcpNoDelay(boolean tcpNoDelay) {
			this.tcpNoDelay = tcpNoDelay;
			return this;
		}

		/**
		 * Sets whether the kernel probes idle connections.
		 * @param keepAlive whether to enable SO_KEEPALIVE
		 * @return this builder
		 */
		public Builder keepAlive(boolean keepAlive) {
			this.keepAlive = keepAlive;
			return this;
		}

		/**
		 * Sets whether the port can be bound again while old connections linger.
		 * @param reuseAddress whether to enable SO_REUSEADDR
		 * @return this builder
		 */
		public Builder reuseAddress(boolean reuseAddress) {
			this.reuseAddress = reuseAddress;
			return this;
		}

		/**
		 * Sets the socket receive buffer size.
		 * @param receiveBufferSize the size in bytes, or {@code null} for the kernel's
		 * @return this builder
		 */
		public Builder receiveBufferSize(@Nullable Integer receiveBufferSize) {
			if (receiveBufferSize != null && receiveBufferSize <= 0) {
				throw new IllegalArgumentException("'receiveBufferSize' must be positive");
			}
			this.receiveBufferSize = receiveBufferSize;
			return this;
		}

		/**
		 * Sets the socket send buffer size.
		 * @param sendBufferSize the size in bytes, or {@code null} for the kernel's
		 * @return this builder
		 */
		public Builder sendBufferSize(@Nullable Integer sendBufferSize) {
			if (sendBufferSize != null && sendBufferSize <= 0) {
				throw new IllegalArgumentException("'sendBufferSize' must be positive");
			}
			this.sendBufferSize = sendBufferSize;
			return this;
		}

		/**
		 * Sets the write-buffer water marks.
		 * @param low pending bytes below which a connection becomes writable again
		 * @param high pending bytes above which a connection becomes unwritable
		 * @return this builder
		 */
		public Builder writeBufferWaterMarks(int low, int high) {
			if (low < 0 || high < low) {
				throw new IllegalArgumentException(
						"Write-buffer water marks must satisfy 0 <= low <= high, not low " + low + ", high " + high);
			}
			this.writeBufferLowWaterMark = low;
			this.writeBufferHighWaterMark = high;
			return this;
		}

		/**
		 * Sets the buffer allocator.
		 * @param allocator the allocator
		 * @return this builder
		 */
		public Builder allocator(ByteBufAllocator allocator) {
			this.allocator = Objects.requireNonNull(allocator, "'allocator' must not be null");
			return this;
		}

		/**
		 * Sets the most connections open at once.
		 * @param maxConnections the limit, 0 for none
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections < 0) {
				throw new IllegalArgumentException("'maxConnections' must not be negative");
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Sets the most connections from one remote IP address.
		 * @param maxConnectionsPerAddress the limit, 0 for none
		 * @return this builder
		 */
		public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
			if (maxConnectionsPerAddress < 0) {
				throw new IllegalArgumentException("'maxConnectionsPerAddress' must not be negative");
			}
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
			return this;
		}

		/**
		 * Sets the most bytes pending for one connection before the slow-consumer policy applies.
		 * @param maxPendingOutboundBytes the limit in bytes, positive
		 * @return this builder
		 */
		public Builder maxPendingOutboundBytes(long maxPendingOutboundBytes) {
			if (maxPendingOutboundBytes <= 0) {
				throw new IllegalArgumentException("'maxPendingOutboundBytes' must be positive");
			}
			this.maxPendingOutboundBytes = maxPendingOutboundBytes;
			return this;
		}

		/**
		 * Sets what happens to messages sent to a slow consumer.
		 * @param slowConsumerPolicy the policy
		 * @return this builder
		 */
		public Builder slowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
			this.slowConsumerPolicy = Objects.requireNonNull(slowConsumerPolicy,
					"'slowConsumerPolicy' must not be null");
			return this;
		}

		/**
		 * Sets how long a connection may stay unwritable before it is closed as a slow consumer.
		 * @param unwritableTimeout the timeout, zero to never close for that
		 * @return this builder
		 */
		public Builder unwritableTimeout(Duration unwritableTimeout) {
			Objects.requireNonNull(unwritableTimeout, "'unwritableTimeout' must not be null");
			if (unwritableTimeout.isNegative()) {
				throw new IllegalArgumentException("'unwritableTimeout' must not be negative");
			}
			this.unwritableTimeout = unwritableTimeout;
			return this;
		}

		/**
		 * Sets what happens to a connection whose handler threw.
		 * @param handlerErrorPolicy the policy
		 * @return this builder
		 */
		public Builder handlerErrorPolicy(HandlerErrorPolicy handlerErrorPolicy) {
			this.handlerErrorPolicy = Objects.requireNonNull(handlerErrorPolicy,
					"'handlerErrorPolicy' must not be null");
			return this;
		}

		/**
		 * Sets how long a new connection may send nothing at all before it is closed.
		 * @param firstMessageTimeout the timeout, zero for never
		 * @return this builder
		 */
		public Builder firstMessageTimeout(Duration firstMessageTimeout) {
			this.firstMessageTimeout = nonNegative(firstMessageTimeout, "firstMessageTimeout");
			return this;
		}

		/**
		 * Sets how long a frame that has started may take to complete.
		 * @param frameTimeout the timeout, zero for never
		 * @return this builder
		 */
		public Builder frameTimeout(Duration frameTimeout) {
			this.frameTimeout = nonNegative(frameTimeout, "frameTimeout");
			return this;
		}

		/**
		 * Sets how long a connection may send nothing before it is closed as idle.
		 * @param readIdleTimeout the timeout, zero for never
		 * @return this builder
		 */
		public Builder readIdleTimeout(Duration readIdleTimeout) {
			this.readIdleTimeout = nonNegative(readIdleTimeout, "readIdleTimeout");
			return this;
		}

		/**
		 * Sets how long a connection may be quiet before the server pings it; needs heartbeat messages.
		 * @param pingInterval the interval, zero for no server pings
		 * @return this builder
		 */
		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = nonNegative(pingInterval, "pingInterval");
			return this;
		}

		/**
		 * Sets how many unanswered pings in a row close a connection.
		 * @param maxMissedPings the count, at least 1
		 * @return this builder
		 */
		public Builder maxMissedPings(int maxMissedPings) {
			if (maxMissedPings < 1) {
				throw new IllegalArgumentException("'maxMissedPings' must be at least 1");
			}
			this.maxMissedPings = maxMissedPings;
			return this;
		}

		/**
		 * Sets whether only a pong answers a ping, rather than any received data.
		 * @param pongRequired whether a pong is required
		 * @return this builder
		 */
		public Builder pongRequired(boolean pongRequired) {
			this.pongRequired = pongRequired;
			return this;
		}

		/**
		 * Sets whether the server answers client pings with a pong itself.
		 * @param answerPings whether to answer pings
		 * @return this builder
		 */
		public Builder answerPings(boolean answerPings) {
			this.answerPings = answerPings;
			return this;
		}

		/**
		 * Sets whether client pings and pongs also reach the handler.
		 * @param deliverPings whether to deliver them
		 * @return this builder
		 */
		public Builder deliverPings(boolean deliverPings) {
			this.deliverPings = deliverPings;
			return this;
		}

		/**
		 * Sets the resolution of connection deadlines.
		 * @param tick the tick, between 1 millisecond and 60 seconds
		 * @return this builder
		 */
		public Builder heartbeatTick(Duration tick) {
			Objects.requireNonNull(tick, "'tick' must not be null");
			if (tick.toMillis() < 1 || tick.toMillis() > 60_000) {
				throw new IllegalArgumentException("'tick' must be between 1ms and 60s");
			}
			this.heartbeatTick = tick;
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

		private static Duration nonNegative(Duration duration, String name) {
			Objects.requireNonNull(duration, () -> "'" + name + "' must not be null");
			if (duration.isNegative()) {
				throw new IllegalArgumentException("'" + name + "' must not be negative");
			}
			return duration;
		}

		/**
		 * Sets how long a graceful shutdown waits for connections to finish their work.
		 * @param shutdownGracePeriod the grace period
		 * @return this builder
		 */
		public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
			Objects.requireNonNull(shutdownGracePeriod, "'shutdownGracePeriod' must not be null");
			if (shutdownGracePeriod.isNegative()) {
				throw new IllegalArgumentException("'shutdownGracePeriod' must not be negative");
			}
			this.shutdownGracePeriod = shutdownGracePeriod;
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
		 * Sets where the handler runs.
		 * @param executionMode the execution mode
		 * @return this builder
		 */
		public Builder executionMode(ExecutionMode executionMode) {
			this.executionMode = Objects.requireNonNull(executionMode, "'executionMode' must not be null");
			return this;
		}

		/**
		 * Sets the size of the handler pool in {@link ExecutionMode#POOL}.
		 * @param handlerThreads the thread count, at least 1
		 * @return this builder
		 */
		public Builder handlerThreads(int handlerThreads) {
			if (handlerThreads < 1) {
				throw new IllegalArgumentException("'handlerThreads' must be at least 1");
			}
			this.handlerThreads = handlerThreads;
			return this;
		}

		/**
		 * Sets how many messages of one connection may wait for the handler before the connection stops being
		 * read.
		 * @param mailboxCapacity the capacity, at least 2
		 * @return this builder
		 */
		public Builder mailboxCapacity(int mailboxCapacity) {
			if (mailboxCapacity < 2) {
				throw new IllegalArgumentException("'mailboxCapacity' must be at least 2");
			}
			this.mailboxCapacity = mailboxCapacity;
			return this;
		}

		/**
		 * Sets an executor of the application's for {@link ExecutionMode#POOL}; the server does not shut it down.
		 * @param handlerExecutor the executor, or {@code null} for a pool of the server's
		 * @return this builder
		 */
		public Builder handlerExecutor(@Nullable Executor handlerExecutor) {
			this.handlerExecutor = handlerExecutor;
			return this;
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
			this.accessRules = accessRules;
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
		 * Returns the name of the server being configured.
		 * @return the name
		 */
		public String name() {
			return this.name;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws NullPointerException if the codec or handler is missing
		 */
		public SocketServerConfig build() {
			return new SocketServerConfig(this);
		}

	}

}
