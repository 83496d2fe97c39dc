package dev.socketserver.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.dispatch.HandlerExecutors;
import dev.socketserver.server.SocketOptions;
import dev.socketserver.ssl.ClientSsl;
import dev.socketserver.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SocketClient} on Netty: its connections are made by a {@link ConnectionManager} from the client's
 * configuration, exactly as a server's are (codec, outbound batching, deadlines and heartbeats, dispatch,
 * requests), over channels that a {@link Bootstrap} connects on the shared worker loops. Reconnect timers run on
 * one of those loops, which also serializes every change of the client's state: the client has no thread of its
 * own.
 *
 * @since 0.1.0
 */
public class NettySocketClient implements SocketClient {

	private static final Logger logger = LoggerFactory.getLogger(SocketClient.class);

	private final SocketClientConfig config;

	private final EventLoops eventLoops;

	private final boolean ownsEventLoops;

	private final @Nullable ExecutorService ownedHandlerExecutor;

	private final ConnectionManager connections;

	private final ChannelHandler connectionInitializer;

	private final Bootstrap bootstrap;

	/** The loop of the client's timers and state changes. */
	private final EventLoop loop;

	private final ClientOutbox outbox;

	private final List<ClientSlot> slots = new ArrayList<>();

	private final ClientStates states = new ClientStates(this);

	private final Object monitor = new Object();

	private final AtomicLong reconnects = new AtomicLong();

	private final AtomicLong connectFailures = new AtomicLong();

	private volatile @Nullable Duration lastBackoff;

	private volatile boolean started;

	private volatile boolean stopped;

	/**
	 * Creates a client on shared event loops, which it does not close.
	 * @param config the configuration
	 * @param eventLoops the event loops
	 */
	public NettySocketClient(SocketClientConfig config, EventLoops eventLoops) {
		this(config, eventLoops, false);
	}

	/**
	 * Creates a client with event loops of its own (automatic transport, one worker), closed when it stops.
	 * @param config the configuration
	 */
	public NettySocketClient(SocketClientConfig config) {
		this(config, EventLoops.builder().workerThreads(1).threadNamePrefix(config.name()).build(), true);
	}

	private NettySocketClient(SocketClientConfig config, EventLoops eventLoops, boolean ownsEventLoops) {
		this.config = Objects.requireNonNull(config, "'config' must not be null");
		this.eventLoops = Objects.requireNonNull(eventLoops, "'eventLoops' must not be null");
		this.ownsEventLoops = ownsEventLoops;
		this.ownedHandlerExecutor = HandlerExecutors.owned(config.execution(), config.name() + "-handler-");
		this.connections = new ConnectionManager(config, eventLoops,
				HandlerExecutors.handlerExecutor(config.execution(), this.ownedHandlerExecutor));
		this.connectionInitializer = this.connections.channelInitializer();
		this.bootstrap = bootstrap(config, eventLoops);
		List<EventLoop> workers = eventLoops.workers();
		this.loop = workers.get(Math.floorMod(config.name().hashCode(), workers.size()));
		this.outbox = new ClientOutbox(config, this.loop);
		for (int i = 0; i < config.poolSize(); i++) {
			this.slots.add(new ClientSlot(this));
		}
	}

	private static Bootstrap bootstrap(SocketClientConfig config, EventLoops eventLoops) {
		SocketOptions options = config.socketOptions();
		Bootstrap bootstrap = new Bootstrap().group(eventLoops.workerGroup())
			.channel(eventLoops.socketChannelClass())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
			.option(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
			.option(ChannelOption.SO_KEEPALIVE, options.keepAlive())
			.option(ChannelOption.ALLOCATOR, config.allocator())
			.option(ChannelOption.ALLOW_HALF_CLOSURE, true)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK,
					new WriteBufferWaterMark(options.writeBufferLowWaterMark(), options.writeBufferHighWaterMark()));
		if (options.receiveBufferSize() != null) {
			bootstrap.option(ChannelOption.SO_RCVBUF, options.receiveBufferSize());
		}
		if (options.sendBufferSize() != null) {
			bootstrap.option(ChannelOption.SO_SNDBUF, options.sendBufferSize());
		}
		return bootstrap;
	}

	@Override
	public String name() {
		return this.config.name();
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.stopped) {
				throw new IllegalStateException("Socket client '" + name() + "' was stopped and cannot start again");
			}
			if (this.started) {
				return;
			}
			this.started = true;
		}
		logger.info("Socket client '{}' starting: {} connection(s) to {} ({}, {}{})", name(), this.slots.size(),
				this.config.endpoints().stream().map(NettySocketClient::describe).toList(),
				this.eventLoops.transport(), this.config.codec(),
				(this.config.clientSsl() != null) ? ", " + this.config.clientSsl() : "");
		execute(() -> this.slots.forEach(ClientSlot::connect));
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
		}
		CompletableFuture<List<Channel>> closing = new CompletableFuture<>();
		try {
			execute(() -> closing.complete(shutDown()));
		}
		catch (RuntimeException ex) {
			closing.complete(List.of());
		}
		if (!onAnyLoop()) {
			awaitClosed(closing);
		}
		this.connections.stopHeartbeats();
		if (this.ownedHandlerExecutor != null) {
			// Close events of the connections just closed are still queued: let them run briefly.
			this.ownedHandlerExecutor.shutdown();
			try {
				this.ownedHandlerExecutor.awaitTermination(2, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.ownsEventLoops) {
			this.eventLoops.close();
		}
		logger.info("Socket client '{}' stopped", name());
	}

	private List<Channel> shutDown() {
		List<Channel> closing = new ArrayList<>();
		for (ClientSlot slot : this.slots) {
			Channel channel = slot.stop();
			if (channel != null) {
				closing.add(channel);
			}
		}
		this.outbox.close("Socket client '" + name() + "' was stopped");
		this.states.closed("Socket client '" + name() + "' was stopped");
		return closing;
	}

	private static void awaitClosed(CompletableFuture<List<Channel>> closing) {
		try {
			for (Channel channel : closing.get(5, TimeUnit.SECONDS)) {
				channel.closeFuture().awaitUninterruptibly(6, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("Socket client stop did not complete in time", ex);
		}
	}

	private boolean onAnyLoop() {
		return this.eventLoops.workers().stream().anyMatch(EventLoop::inEventLoop);
	}

	@Override
	public ClientState state() {
		return this.states.current();
	}

	@Override
	public void addListener(ClientStateListener listener) {
		this.states.addListener(Objects.requireNonNull(listener, "'listener' must not be null"));
	}

	@Override
	public CompletionStage<Connection> connected() {
		return this.states.connection(this::connection);
	}

	@Override
	public Connection awaitConnected(Duration timeout) throws TimeoutException, InterruptedException {
		try {
			return connected().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof NotConnectedException notConnected) ? notConnected
					: new IllegalStateException(ex.getCause());
		}
	}

	@Override
	public CompletionStage<Void> send(Object message) {
		return this.outbox.send(message);
	}

	@Override
	public CompletionStage<Object> request(Object message) {
		return this.outbox.request(message, null);
	}

	@Override
	public CompletionStage<Object> request(Object message, Duration timeout) {
		return this.outbox.request(message, Objects.requireNonNull(timeout, "'timeout' must not be null"));
	}

	@Override
	public @Nullable Connection connection() {
		List<Connection> connected = this.outbox.connections();
		return connected.isEmpty() ? null : connected.get(0);
	}

	@Override
	public List<Connection> connections() {
		return this.outbox.connections();
	}

	@Override
	public InetSocketAddress endpoint() {
		for (ClientSlot slot : this.slots) {
			if (slot.phase() == ClientSlot.Phase.CONNECTED) {
				return slot.endpoint();
			}
		}
		return this.slots.get(0).endpoint();
	}

	@Override
	public long reconnects() {
		return this.reconnects.get();
	}

	@Override
	public long connectFailures() {
		return this.connectFailures.get();
	}

	@Override
	public @Nullable Duration lastBackoff() {
		return this.lastBackoff;
	}

	@Override
	public ConnectionStats stats() {
		return this.connections.stats();
	}

	@Override
	public SocketClientConfig config() {
		return this.config;
	}

	/**
	 * Returns the event loops the client's connections run on.
	 * @return the event loops
	 */
	public EventLoops eventLoops() {
		return this.eventLoops;
	}

	@Override
	public String toString() {
		return "NettySocketClient[" + name() + ", " + state() + ", " + describe(endpoint()) + "]";
	}

	/**
	 * Returns an endpoint as configured, {@code host:port} ({@code [::1]:7000} for IPv6), resolved or not.
	 */
	static String describe(InetSocketAddress endpoint) {
		String host = endpoint.getHostString();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + endpoint.getPort();
	}

	// What the slots need of the client, on its loop unless said otherwise.

	boolean isStopped() {
		return this.stopped;
	}

	EventLoop loop() {
		return this.loop;
	}

	ChannelHandler connectionInitializer() {
		return this.connectionInitializer;
	}

	/**
	 * Runs a task on the client's loop; from any thread.
	 */
	void execute(Runnable task) {
		if (this.loop.inEventLoop()) {
			task.run();
			return;
		}
		try {
			this.loop.execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Socket client '{}' dropped a task: its event loops are shut down", name());
		}
	}

	Bootstrap bootstrap(InetSocketAddress endpoint) {
		return this.bootstrap.clone().attr(ClientSsl.ENDPOINT, endpoint);
	}

	/**
	 * Opens a bare TCP connection, on the client's loop so that no worker counts it as a connection it serves.
	 */
	ChannelFuture probe(InetSocketAddress endpoint) {
		return this.bootstrap.clone(this.loop).handler(new ChannelInboundHandlerAdapter()).connect(endpoint);
	}

	/**
	 * Gives back the worker's count of a channel that never became a connection; from any thread.
	 */
	void registrationEnded(Channel channel) {
		try {
			this.eventLoops.connectionClosed(this.eventLoops.indexOf(channel.eventLoop()));
		}
		catch (IllegalStateException ex) {
			// Never registered: no worker counted it.
		}
	}

	void countFailure() {
		this.connectFailures.incrementAndGet();
	}

	void countReconnect() {
		this.reconnects.incrementAndGet();
	}

	/**
	 * Makes a ready connection available: to senders first (after what was queued, written from the connection's
	 * own loop so that queued sends and requests keep their order), then in the state, then to those waiting.
	 */
	void ready(ClientSlot slot, Connection connection) {
		Runnable publish = () -> {
			// A connection that closed meanwhile is not published: its close is already on the way to the slot.
			if (connection.isOpen()) {
				this.outbox.published(connection);
				execute(() -> published(slot, connection));
			}
		};
		EventLoop channelLoop = connection.channel().eventLoop();
		if (channelLoop.inEventLoop()) {
			publish.run();
		}
		else {
			try {
				channelLoop.execute(publish);
			}
			catch (RejectedExecutionException ex) {
				logger.debug("Socket client '{}' could not publish connection {}: its loop is shut down", name(),
						connection.id());
			}
		}
	}

	private void published(ClientSlot slot, Connection connection) {
		if (slot.published(connection)) {
			slotChanged();
			this.states.connected(connection);
		}
	}

	void lost(Connection connection) {
		this.outbox.unpublished(connection);
	}

	void backingOff(InetSocketAddress endpoint, Duration delay, @Nullable Throwable cause) {
		this.lastBackoff = delay;
		this.states.reconnectScheduled(endpoint, delay, cause);
	}

	/**
	 * Derives the client's state from its slots': the best of them.
	 */
	void slotChanged() {
		if (this.stopped) {
			return;
		}
		boolean connecting = false;
		boolean backingOff = false;
		boolean alive = false;
		for (ClientSlot slot : this.slots) {
			switch (slot.phase()) {
				case CONNECTED -> {
					this.states.change(ClientState.CONNECTED);
					return;
				}
				case CONNECTING -> connecting = true;
				case BACKING_OFF -> backingOff = true;
				case IDLE -> alive = true;
				case DEAD -> {
				}
			}
		}
		if (connecting) {
			this.states.change(ClientState.CONNECTING);
		}
		else if (backingOff) {
			this.states.change(ClientState.BACKING_OFF);
		}
		else if (!alive) {
			logger.info("Socket client '{}' lost its connections and does not reconnect", name());
			String why = "Socket client '" + name() + "' lost its connections and does not reconnect";
			this.outbox.close(why);
			this.states.closed(why);
		}
	}

}
