package dev.socketserver.server;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionLimits;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.dispatch.Execution;
import dev.socketserver.dispatch.HandlerExecutors;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.ssl.ServerSsl;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.ClientAuth;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SocketServer} on Netty: the acceptor loop admits connections, the worker loops serve them. Only
 * bootstraps; connections do the work.
 *
 * @since 0.1.0
 */
public class NettySocketServer implements SocketServer {

	private static final Logger logger = LoggerFactory.getLogger(NettySocketServer.class);

	private final SocketServerConfig config;

	private final EventLoops eventLoops;

	private final boolean ownsEventLoops;

	private final ConnectionManager connections;

	private final @Nullable ExecutorService ownedHandlerExecutor;

	private final Object monitor = new Object();

	private volatile ServerState state = ServerState.NEW;

	private volatile @Nullable Channel serverChannel;

	private volatile @Nullable InetSocketAddress boundAddress;

	private volatile @Nullable Instant startedAt;

	/**
	 * Creates a server on shared event loops, which it does not close.
	 * @param config the configuration
	 * @param eventLoops the event loops
	 */
	public NettySocketServer(SocketServerConfig config, EventLoops eventLoops) {
		this(config, eventLoops, false);
	}

	/**
	 * Creates a server with event loops of its own (automatic transport, one worker per core), closed when it
	 * stops.
	 * @param config the configuration
	 */
	public NettySocketServer(SocketServerConfig config) {
		this(config, EventLoops.builder().threadNamePrefix(config.name()).build(), true);
	}

	private NettySocketServer(SocketServerConfig config, EventLoops eventLoops, boolean ownsEventLoops) {
		this.config = Objects.requireNonNull(config, "'config' must not be null");
		this.eventLoops = Objects.requireNonNull(eventLoops, "'eventLoops' must not be null");
		this.ownsEventLoops = ownsEventLoops;
		Execution execution = config.execution();
		this.ownedHandlerExecutor = HandlerExecutors.owned(execution, config.name() + "-handler-");
		this.connections = new ConnectionManager(config, eventLoops,
				HandlerExecutors.handlerExecutor(execution, this.ownedHandlerExecutor));
	}

	@Override
	public String name() {
		return this.config.name();
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.state == ServerState.RUNNING || this.state == ServerState.DRAINING) {
				return;
			}
			if (this.ownedHandlerExecutor != null && this.ownedHandlerExecutor.isShutdown()) {
				throw new IllegalStateException("Socket server '" + name() + "' was stopped and cannot start again");
			}
			this.connections.startAccepting();
			ChannelFuture bind = bootstrap().bind(bindAddress()).awaitUninterruptibly();
			if (!bind.isSuccess()) {
				this.state = ServerState.FAILED;
				throw bindFailure(bind.cause());
			}
			Channel channel = bind.channel();
			this.serverChannel = channel;
			this.boundAddress = (InetSocketAddress) channel.localAddress();
			this.state = ServerState.RUNNING;
			this.startedAt = Instant.now();
			logger.info("Socket server '{}' started on port {} ({}, {}, handlers on {}{})", name(), port(), transport(),
					this.config.codec(), this.config.executionMode().name().toLowerCase().replace('_', '-'),
					securityDescription());
			warnAboutDisabledProtections();
		}
	}

	private String securityDescription() {
		StringBuilder description = new StringBuilder();
		ServerSsl ssl = this.config.ssl();
		if (ssl != null) {
			description.append(", TLS ").append(ssl.protocols()).append(" on ").append(ssl.library());
			if (ssl.clientAuth() != ClientAuth.NONE) {
				description.append(", client certificates ").append(ssl.clientAuth().name().toLowerCase());
			}
		}
		ProxyProtocol proxy = this.config.proxyProtocol();
		if (proxy != null) {
			description.append(", PROXY protocol ").append(proxy.mode().name().toLowerCase()).append(" from ")
				.append(proxy.trustedProxies());
		}
		return description.toString();
	}

	private void warnAboutDisabledProtections() {
		List<String> off = new ArrayList<>();
		ConnectionLimits limits = this.config.limits();
		if (limits.maxConnections() == 0) {
			off.add("connection limit");
		}
		if (this.config.heartbeat().readIdleTimeout().isZero()) {
			off.add("read-idle timeout");
		}
		if (limits.firstMessageTimeout().isZero()) {
			off.add("first-message timeout");
		}
		if (limits.frameTimeout().isZero()) {
			off.add("frame timeout");
		}
		if (limits.unwritableTimeout().isZero()) {
			off.add("unwritable timeout");
		}
		if (!off.isEmpty()) {
			logger.warn("Socket server '{}' runs without protection: {} switched off", name(), String.join(", ", off));
		}
	}

	private ServerBootstrap bootstrap() {
		SocketOptions options = this.config.socketOptions();
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.eventLoops.bossGroup(),
				this.eventLoops.workerGroup())
			.channel(this.eventLoops.serverChannelClass())
			.option(ChannelOption.SO_BACKLOG, options.backlog())
			.option(ChannelOption.SO_REUSEADDR, options.reuseAddress())
			.handler(this.connections.acceptHandler())
			.childHandler(this.connections.channelInitializer())
			.childOption(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
			.childOption(ChannelOption.SO_KEEPALIVE, options.keepAlive())
			.childOption(ChannelOption.ALLOCATOR, this.config.allocator())
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
					options.writeBufferLowWaterMark(), options.writeBufferHighWaterMark()));
		if (options.receiveBufferSize() != null) {
			bootstrap.childOption(ChannelOption.SO_RCVBUF, options.receiveBufferSize());
		}
		if (options.sendBufferSize() != null) {
			bootstrap.childOption(ChannelOption.SO_SNDBUF, options.sendBufferSize());
		}
		return bootstrap;
	}

	private InetSocketAddress bindAddress() {
		return (this.config.address() != null) ? new InetSocketAddress(this.config.address(), this.config.port())
				: new InetSocketAddress(this.config.port());
	}

	private SocketServerException bindFailure(Throwable cause) {
		if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("Address already in use")) {
			return new PortInUseException(name(), this.config.port(), cause);
		}
		return new SocketServerException(name(), "Socket server '" + name() + "' could not bind "
				+ bindAddress() + ": " + cause.getMessage(), cause);
	}

	/**
	 * Stops accepting new connections and releases the port; open connections stay open.
	 */
	public void stopAccepting() {
		synchronized (this.monitor) {
			Channel channel = this.serverChannel;
			if (channel != null && this.state == ServerState.RUNNING) {
				this.state = ServerState.DRAINING;
				channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
			}
		}
	}

	@Override
	public CompletableFuture<Void> shutdownGracefully(Duration gracePeriod) {
		if (!isRunning()) {
			return CompletableFuture.completedFuture(null);
		}
		stopAccepting();
		CompletableFuture<Void> drained = this.connections.drain();
		if (drained.isDone()) {
			return drained;
		}
		ScheduledFuture<?> deadline = this.eventLoops.bossGroup().next().schedule(() -> {
			int remaining = this.connections.count();
			if (remaining > 0) {
				logger.info("Grace period of socket server '{}' is over: closing {} remaining connection(s)", name(),
						remaining);
				this.connections.abortAll(CloseReason.SERVER_SHUTDOWN);
			}
		}, gracePeriod.toNanos(), TimeUnit.NANOSECONDS);
		drained.whenComplete((result, ex) -> deadline.cancel(false));
		return drained;
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			if (this.state != ServerState.RUNNING && this.state != ServerState.DRAINING) {
				return;
			}
			Channel channel = this.serverChannel;
			if (channel != null) {
				channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
			}
			this.connections.closeAllForShutdown(CloseReason.SERVER_SHUTDOWN);
			this.connections.stopHeartbeats();
			if (this.ownedHandlerExecutor != null) {
				// Close events of the connections just closed are still queued: let them run briefly.
				this.ownedHandlerExecutor.shutdown();
				awaitQuietly(this.ownedHandlerExecutor);
			}
			this.serverChannel = null;
			this.boundAddress = null;
			this.startedAt = null;
			this.state = ServerState.STOPPED;
			if (this.ownsEventLoops) {
				this.eventLoops.close();
			}
			logger.info("Socket server '{}' stopped", name());
		}
	}

	private static void awaitQuietly(ExecutorService executor) {
		try {
			executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		ServerState current = this.state;
		return current == ServerState.RUNNING || current == ServerState.DRAINING;
	}

	@Override
	public ServerState state() {
		return this.state;
	}

	@Override
	public int port() {
		InetSocketAddress address = this.boundAddress;
		return (address != null) ? address.getPort() : -1;
	}

	@Override
	public @Nullable InetSocketAddress boundAddress() {
		return this.boundAddress;
	}

	@Override
	public @Nullable Instant startedAt() {
		return this.startedAt;
	}

	@Override
	public Transport transport() {
		return this.eventLoops.transport();
	}

	@Override
	public ConnectionManager connections() {
		return this.connections;
	}

	@Override
	public SocketServerConfig config() {
		return this.config;
	}

	/**
	 * Returns the event loops serving this server.
	 * @return the event loops
	 */
	public EventLoops eventLoops() {
		return this.eventLoops;
	}

	@Override
	public String toString() {
		return "NettySocketServer[" + name() + ", " + this.state + ", port " + port() + "]";
	}

}
