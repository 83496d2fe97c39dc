package dev.socketserver.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;

import dev.socketserver.access.AuthenticationFailures;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.heartbeat.DeadlinePolicy;
import dev.socketserver.heartbeat.DeadlineWheel;
import dev.socketserver.heartbeat.DeadlineWheels;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of one server shares: its settings as they were given, its handler and where it runs,
 * the deadline wheels, the figures and the protection log. One per server, read by its connections without
 * copying anything into them.
 */
final class ServerRuntime {

	final ConnectionSettings settings;

	final String serverName;

	final Transport transport;

	final @Nullable MessageCodec<Object> messageCodec;

	final SocketHandler<Object> handler;

	final ConnectionLimits limits;

	final ConnectionStats stats;

	final ProtectionLog protectionLog = new ProtectionLog(10);

	final @Nullable HandlerTimer handlerTimer;

	final @Nullable Executor handlerExecutor;

	/** Whether handler time is only summed, per read batch, decoding included: handlers on the event loop. */
	final boolean timedPerBatch;

	final @Nullable HeartbeatMessages<Object> heartbeatMessages;

	final DeadlineWheels deadlines;

	final @Nullable PingPong pingPong;

	final ConnectionManager connections;

	/** Failed authentications per address; {@code null} without authentication or brute-force protection. */
	final @Nullable AuthenticationFailures authenticationFailures;

	final Dispatcher dispatcher;

	final SocketAddress unknownAddress = new InetSocketAddress(0);

	@SuppressWarnings("unchecked")
	ServerRuntime(ConnectionSettings settings, EventLoops eventLoops, @Nullable Executor handlerExecutor,
			ConnectionManager connections) {
		this.settings = settings;
		this.serverName = settings.name();
		this.transport = eventLoops.transport();
		this.messageCodec = (settings.codec() instanceof MessageCodec<?> codec) ? (MessageCodec<Object>) codec : null;
		this.handler = (SocketHandler<Object>) settings.handler();
		this.limits = settings.limits();
		this.stats = new ConnectionStats(connections.live());
		this.handlerTimer = settings.handlerTimer();
		this.handlerExecutor = handlerExecutor;
		this.timedPerBatch = this.handlerTimer == HandlerTimer.SUMS_ONLY && handlerExecutor == null;
		this.heartbeatMessages = (HeartbeatMessages<Object>) settings.heartbeatMessages();
		Authentication authentication = settings.authentication();
		this.deadlines = new DeadlineWheels(DeadlinePolicy.of(settings.heartbeat(), this.heartbeatMessages != null,
				this.limits.firstMessageTimeout(), this.limits.frameTimeout(), this.limits.unwritableTimeout(),
				(authentication != null) ? authentication.timeout() : Duration.ZERO,
				(settings.requests() != null) ? settings.requests().defaultTimeout() : Duration.ZERO),
				eventLoops.workers().size());
		this.authenticationFailures = (authentication != null && authentication.maxFailures() > 0)
				? new AuthenticationFailures(authentication.maxFailures(), authentication.failureWindow(),
						authentication.banDuration(), authentication.trackedAddresses())
				: null;
		this.pingPong = PingPong.of(this.heartbeatMessages, settings.heartbeat(), this.stats);
		this.connections = connections;
		this.dispatcher = new Dispatcher(this);
	}

	/**
	 * Returns the wheel of a connection's event loop; on that loop only.
	 */
	@Nullable DeadlineWheel wheelFor(ChannelConnection connection) {
		return this.deadlines.wheelFor(connection.channel().eventLoop(), connection.loopIndex);
	}

}
