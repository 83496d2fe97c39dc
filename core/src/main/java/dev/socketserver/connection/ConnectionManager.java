package dev.socketserver.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.socketserver.access.AccessRules;
import dev.socketserver.access.ConnectionRateLimit;
import dev.socketserver.access.ConnectionRateLimiter;
import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.codec.Codec;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.handler.HandlerTimer;
import dev.socketserver.handler.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.proxy.ProxyProtocol;
import dev.socketserver.ssl.ServerSsl;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one server: registry by id, identity bindings, groups, broadcast and limits. Every operation
 * is safe from any thread and, except iteration, O(1) per connection involved.
 * <p>
 * A server creates its manager; applications get it from the server (or, with Spring, inject it).
 *
 * @since 0.1.0
 */
public final class ConnectionManager {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionManager.class);

	final String serverName;

	final Transport transport;

	final Codec<?> codec;

	final SocketHandler<Object> handler;

	final ConnectionLimits limits;

	final ConnectionStats stats;

	final ProtectionLog protectionLog = new ProtectionLog(10);

	final @Nullable HandlerTimer handlerTimer;

	final @Nullable Executor handlerExecutor;

	final int mailboxCapacity;

	final HeartbeatPolicy heartbeat;

	final @Nullable HeartbeatMessages<Object> heartbeatMessages;

	final long readIdleTimeoutNanos;

	final long pingIntervalNanos;

	final long firstMessageTimeoutNanos;

	final long frameTimeoutNanos;

	final long unwritableTimeoutNanos;

	final @Nullable ServerSsl ssl;

	final @Nullable ProxyProtocol proxyProtocol;

	final @Nullable MessageRateLimit messageRate;

	final double messageRatePerNano;

	final double messageBurst;

	private final long longestDeadlineNanos;

	private final HeartbeatWheel[] wheels;

	private final ConcurrentHashMap<EventExecutor, HeartbeatWheel> otherWheels = new ConcurrentHashMap<>();

	private volatile boolean wheelsStopped;

	private volatile @Nullable CompletableFuture<Void> drained;

	final SocketAddress unknownAddress = new InetSocketAddress(0);

	private final EventLoops eventLoops;

	private final ByteBufAllocator allocator;

	private final List<ConnectionListener> listeners;

	private final List<ChannelPipelineCustomizer> pipelineCustomizers;

	private final ConcurrentHashMap<String, ChannelConnection> connections = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Set<ChannelConnection>> identities = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Set<ChannelConnection>> groups = new ConcurrentHashMap<>();

	private final AcceptGate acceptGate;

	@SuppressWarnings("unchecked")
	private ConnectionManager(Builder builder) {
		this.serverName = builder.serverName;
		this.eventLoops = Objects.requireNonNull(builder.eventLoops, "'eventLoops' must not be null");
		this.transport = this.eventLoops.transport();
		this.codec = Objects.requireNonNull(builder.codec, "'codec' must not be null");
		this.handler = (SocketHandler<Object>) Objects.requireNonNull(builder.handler, "'handler' must not be null");
		this.limits = builder.limits;
		this.allocator = builder.allocator;
		this.listeners = List.copyOf(builder.listeners);
		this.pipelineCustomizers = List.copyOf(builder.pipelineCustomizers);
		this.handlerTimer = builder.handlerTimer;
		this.handlerExecutor = builder.handlerExecutor;
		this.mailboxCapacity = builder.mailboxCapacity;
		this.heartbeat = builder.heartbeat;
		this.heartbeatMessages = (HeartbeatMessages<Object>) builder.heartbeatMessages;
		this.readIdleTimeoutNanos = this.heartbeat.readIdleTimeout().toNanos();
		this.pingIntervalNanos = (this.heartbeatMessages != null) ? this.heartbeat.pingInterval().toNanos() : 0;
		this.firstMessageTimeoutNanos = this.limits.firstMessageTimeout().toNanos();
		this.frameTimeoutNanos = this.limits.frameTimeout().toNanos();
		this.unwritableTimeoutNanos = this.limits.unwritableTimeout().toNanos();
		this.ssl = builder.ssl;
		this.proxyProtocol = builder.proxyProtocol;
		this.messageRate = builder.messageRate;
		this.messageRatePerNano = (this.messageRate != null) ? this.messageRate.messagesPerSecond() / 1e9 : 0;
		this.messageBurst = (this.messageRate != null) ? this.messageRate.burst() : 0;
		this.longestDeadlineNanos = Math.max(Math.max(this.readIdleTimeoutNanos, this.pingIntervalNanos),
				Math.max(Math.max(this.firstMessageTimeoutNanos, this.frameTimeoutNanos), this.unwritableTimeoutNanos));
		this.wheels = new HeartbeatWheel[this.eventLoops.workers().size()];
		this.stats = new ConnectionStats(this);
		this.acceptGate = new AcceptGate(this, builder.accessRules,
				(builder.connectionRate != null) ? new ConnectionRateLimiter(builder.connectionRate) : null);
	}

	/**
	 * Starts building the manager of a server. Used by servers, not by applications.
	 * @param serverName the server's name
	 * @return the builder
	 */
	public static Builder builder(String serverName) {
		return new Builder(serverName);
	}

	// ---- registry ----------------------------------------------------------------------------------------------

	/**
	 * Returns the name of the server whose connections these are.
	 * @return the server name
	 */
	public String serverName() {
		return this.serverName;
	}

	/**
	 * Returns the number of open connections.
	 * @return the count
	 */
	public int count() {
		return this.connections.size();
	}

	/**
	 * Returns an open connection by id.
	 * @param id the connection id
	 * @return the connection, or {@code null} if there is no open one with this id
	 */
	public @Nullable Connection get(String id) {
		return this.connections.get(id);
	}

	/**
	 * Returns the open connections as a weakly consistent stream: connections opening or closing meanwhile may
	 * or may not be seen.
	 * @return the connections
	 */
	public Stream<Connection> stream() {
		return this.connections.values().stream().map(Connection.class::cast);
	}

	/**
	 * Returns a page of the open connections, for listings; pages are stable while no connection opens or
	 * closes.
	 * @param offset how many connections to skip
	 * @param limit the most connections to return
	 * @return the page
	 */
	public List<Connection> page(int offset, int limit) {
		if (offset < 0 || limit < 0) {
			throw new IllegalArgumentException("'offset' and 'limit' must not be negative");
		}
		return stream().skip(offset).limit(limit).toList();
	}

	/**
	 * Returns the limits applied to the connections.
	 * @return the limits
	 */
	public ConnectionLimits limits() {
		return this.limits;
	}

	/**
	 * Returns the running figures of the connections.
	 * @return the figures
	 */
	public ConnectionStats stats() {
		return this.stats;
	}

	Collection<ChannelConnection> live() {
		return this.connections.values();
	}

	// ---- identities --------------------------------------------------------------------------------------------

	/**
	 * Returns the open connections bound to an identity.
	 * @param identity the user or device id
	 * @return the connections, empty if none
	 */
	public Set<Connection> connectionsOf(String identity) {
		Set<ChannelConnection> bound = this.identities.get(identity);
		return (bound != null) ? Collections.unmodifiableSet(bound) : Set.of();
	}

	/**
	 * Returns the identities that have at least one open connection.
	 * @return the identities
	 */
	public Set<String> identities() {
		return Collections.unmodifiableSet(this.identities.keySet());
	}

	void bindIdentity(ChannelConnection connection, String identity) {
		Objects.requireNonNull(identity, "'identity' must not be null");
		synchronized (connection) {
			String previous = connection.identity;
			if (identity.equals(previous)) {
				return;
			}
			if (previous != null) {
				removeMember(this.identities, previous, connection);
			}
			connection.identity = identity;
			addMember(this.identities, identity, connection);
		}
		// A close racing with the bind has either seen the identity or is seen here.
		if (connection.unregistered) {
			removeMember(this.identities, identity, connection);
		}
	}

	void unbindIdentity(ChannelConnection connection) {
		synchronized (connection) {
			String previous = connection.identity;
			if (previous != null) {
				connection.identity = null;
				removeMember(this.identities, previous, connection);
			}
		}
	}

	// ---- groups ------------------------------------------------------------------------------------------------

	/**
	 * Returns the groups that have at least one member.
	 * @return the group names
	 */
	public Set<String> groups() {
		return Collections.unmodifiableSet(this.groups.keySet());
	}

	/**
	 * Returns the open connections in a group.
	 * @param group the group name
	 * @return the members, empty if none
	 */
	public Set<Connection> members(String group) {
		Set<ChannelConnection> members = this.groups.get(group);
		return (members != null) ? Collections.unmodifiableSet(members) : Set.of();
	}

	/**
	 * Returns the number of open connections in a group.
	 * @param group the group name
	 * @return the member count
	 */
	public int groupSize(String group) {
		Set<ChannelConnection> members = this.groups.get(group);
		return (members != null) ? members.size() : 0;
	}

	void join(ChannelConnection connection, String group) {
		Objects.requireNonNull(group, "'group' must not be null");
		synchronized (connection) {
			if (connection.isMemberOf(group)) {
				return;
			}
			String[] current = connection.groups;
			String[] updated = java.util.Arrays.copyOf(current, current.length + 1);
			updated[current.length] = group;
			connection.groups = updated;
			addMember(this.groups, group, connection);
		}
		if (connection.unregistered) {
			removeMember(this.groups, group, connection);
		}
	}

	void leave(ChannelConnection connection, String group) {
		synchronized (connection) {
			if (!connection.isMemberOf(group)) {
				return;
			}
			connection.groups = java.util.Arrays.stream(connection.groups)
				.filter((name) -> !name.equals(group))
				.toArray(String[]::new);
			removeMember(this.groups, group, connection);
		}
	}

	private static void addMember(ConcurrentHashMap<String, Set<ChannelConnection>> index, String key,
			ChannelConnection connection) {
		index.compute(key, (name, members) -> {
			Set<ChannelConnection> set = (members != null) ? members : ConcurrentHashMap.newKeySet();
			set.add(connection);
			return set;
		});
	}

	private static void removeMember(ConcurrentHashMap<String, Set<ChannelConnection>> index, String key,
			ChannelConnection connection) {
		index.computeIfPresent(key, (name, members) -> {
			members.remove(connection);
			return members.isEmpty() ? null : members;
		});
	}

	// ---- sending -----------------------------------------------------------------------------------------------

	/**
	 * Sends a message to every open connection.
	 * @param message the message
	 * @return the number of connections it was handed to
	 */
	public int broadcast(Object message) {
		return broadcast(message, null);
	}

	/**
	 * Sends a message to every open connection that passes a filter. The message is encoded once and its bytes
	 * shared by all recipients; a recipient over its outbound limit is skipped or closed per the slow-consumer
	 * policy, never waited for.
	 * @param message the message
	 * @param filter which connections receive it, or {@code null} for all
	 * @return the number of connections it was handed to
	 */
	public int broadcast(Object message, @Nullable Predicate<? super Connection> filter) {
		return deliver(this.connections.values(), message, filter);
	}

	/**
	 * Sends a message to the members of a group.
	 * @param group the group name
	 * @param message the message
	 * @param filter which members receive it (for example, all but the sender), or {@code null} for all
	 * @return the number of connections it was handed to
	 */
	public int sendToGroup(String group, Object message, @Nullable Predicate<? super Connection> filter) {
		Set<ChannelConnection> members = this.groups.get(group);
		if (members == null) {
			ReferenceCountUtil.release(message);
			return 0;
		}
		return deliver(members, message, filter);
	}

	/**
	 * Sends a message to every connection bound to an identity.
	 * @param identity the user or device id
	 * @param message the message
	 * @return the number of connections it was handed to
	 */
	public int sendToIdentity(String identity, Object message) {
		Set<ChannelConnection> bound = this.identities.get(identity);
		if (bound == null) {
			ReferenceCountUtil.release(message);
			return 0;
		}
		return deliver(bound, message, null);
	}

	/**
	 * Sends a message to every connection bound to any of the given identities.
	 * @param identities the user or device ids
	 * @param message the message
	 * @param filter which connections receive it, or {@code null} for all
	 * @return the number of connections it was handed to
	 */
	public int sendToIdentities(Collection<String> identities, Object message,
			@Nullable Predicate<? super Connection> filter) {
		List<ChannelConnection> targets = new ArrayList<>();
		for (String identity : identities) {
			Set<ChannelConnection> bound = this.identities.get(identity);
			if (bound != null) {
				targets.addAll(bound);
			}
		}
		return deliver(targets, message, filter);
	}

	private int deliver(Iterable<ChannelConnection> targets, Object message,
			@Nullable Predicate<? super Connection> filter) {
		if (!(this.codec instanceof MessageCodec<?>)) {
			return deliverOneByOne(targets, message, filter);
		}
		ByteBuf encoded;
		try {
			encoded = encode(message);
		}
		finally {
			ReferenceCountUtil.release(message);
		}
		// A copy per event loop: recipients on different loops would otherwise contend on one reference count.
		ByteBuf[] perLoop = new ByteBuf[this.wheels.length];
		boolean originalTaken = false;
		try {
			int count = 0;
			for (ChannelConnection connection : targets) {
				if (!connection.isOpen() || (filter != null && !filter.test(connection))
						|| !connection.outbound.admitOutbound(null)) {
					continue;
				}
				int loop = connection.loopIndex;
				ByteBuf source = encoded;
				if (loop >= 0) {
					source = perLoop[loop];
					if (source == null) {
						source = originalTaken ? encoded.copy() : encoded.retain();
						originalTaken = true;
						perLoop[loop] = source;
					}
				}
				// Queued for the recipient's loop, where it counts against the recipient's outbound limit until
				// written: one drain task per recipient however many broadcasts wait, never one per message.
				connection.outbound.writeOutbound(source.retainedDuplicate(), null);
				count++;
			}
			ChannelConnection.chargeFanOut(count);
			return count;
		}
		finally {
			for (ByteBuf copy : perLoop) {
				if (copy != null) {
					copy.release();
				}
			}
			encoded.release();
		}
	}

	@SuppressWarnings("unchecked")
	private ByteBuf encode(Object message) {
		MessageCodec<Object> codec = (MessageCodec<Object>) this.codec;
		ByteBuf buffer = this.allocator.ioBuffer(codec.sizeHint(message));
		try {
			codec.encode(message, buffer);
			return buffer;
		}
		catch (Throwable ex) {
			buffer.release();
			throw new IllegalArgumentException("Could not encode a " + message.getClass().getName()
					+ " for socket server '" + this.serverName + "'", ex);
		}
	}

	private int deliverOneByOne(Iterable<ChannelConnection> targets, Object message,
			@Nullable Predicate<? super Connection> filter) {
		int count = 0;
		try {
			for (ChannelConnection connection : targets) {
				if (connection.isOpen() && (filter == null || filter.test(connection))) {
					if (message instanceof ReferenceCounted counted) {
						counted.retain();
					}
					if (connection.offer(message)) {
						count++;
					}
				}
			}
			return count;
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	/**
	 * Closes every open connection.
	 * @param reason the close reason
	 */
	public void closeAll(CloseReason reason) {
		for (ChannelConnection connection : this.connections.values()) {
			connection.close(reason);
		}
	}

	/**
	 * Shuts every connection down gracefully: each is told goodbye through its handler, stops being read,
	 * finishes what it received, flushes its replies and half-closes; once its peer closes too, it is gone.
	 * @return completes when no connection is left
	 */
	public CompletableFuture<Void> drain() {
		CompletableFuture<Void> drained = new CompletableFuture<>();
		this.drained = drained;
		forEachByLoop(ChannelConnection::beginDrain);
		if (this.connections.isEmpty()) {
			drained.complete(null);
		}
		return drained;
	}

	/**
	 * Closes every connection at once, whatever it was doing: the end of a grace period.
	 * @param reason the close reason
	 */
	public void abortAll(CloseReason reason) {
		forEachByLoop((connection) -> connection.abort(reason));
	}

	private void forEachByLoop(java.util.function.Consumer<ChannelConnection> action) {
		java.util.Map<EventExecutor, List<ChannelConnection>> byLoop = new java.util.HashMap<>();
		for (ChannelConnection connection : this.connections.values()) {
			byLoop.computeIfAbsent(connection.channel().eventLoop(), (loop) -> new ArrayList<>()).add(connection);
		}
		byLoop.forEach((loop, connections) -> {
			Runnable task = () -> connections.forEach(action);
			if (loop.inEventLoop()) {
				task.run();
			}
			else {
				try {
					loop.execute(task);
				}
				catch (RejectedExecutionException ex) {
					connections.forEach((connection) -> connection.channel().close());
				}
			}
		});
	}

	// ---- lifecycle of connections ------------------------------------------------------------------------------

	/**
	 * Returns the handler that admits accepted connections on the acceptor loop, before any worker resource is
	 * spent on them. Used by servers.
	 * @return the acceptor-side handler
	 */
	public ChannelHandler acceptHandler() {
		return this.acceptGate;
	}

	/**
	 * Returns the initializer that assembles each connection's pipeline. Used by servers.
	 * @return the child handler
	 */
	public ChannelHandler channelInitializer() {
		return new ConnectionInitializer(this);
	}

	ChannelConnection newConnection(Channel channel) {
		return new ChannelConnection(this, ConnectionIds.next(), channel);
	}

	List<ChannelPipelineCustomizer> pipelineCustomizers() {
		return this.pipelineCustomizers;
	}

	void opened(ChannelConnection connection) {
		connection.loopIndex = this.eventLoops.indexOf(connection.channel().eventLoop());
		this.connections.put(connection.id(), connection);
		this.stats.recordOpened();
		for (ConnectionListener listener : this.listeners) {
			try {
				listener.connectionOpened(connection);
			}
			catch (Throwable ex) {
				logger.warn("Connection listener {} failed", listener, ex);
			}
		}
	}

	void closed(ChannelConnection connection, CloseReason reason) {
		connection.unregistered = true;
		// Totals first, then removal: a scrape in between counts the connection twice for an instant rather
		// than not at all, so counters never seem to go down.
		if (this.connections.containsKey(connection.id())) {
			this.stats.recordClosed(connection, reason);
		}
		if (this.connections.remove(connection.id(), connection)) {
			this.eventLoops.connectionClosed(connection.loopIndex);
		}
		synchronized (connection) {
			String identity = connection.identity;
			if (identity != null) {
				removeMember(this.identities, identity, connection);
			}
			for (String group : connection.groups) {
				removeMember(this.groups, group, connection);
			}
		}
		this.acceptGate.released(connection.channel());
		CompletableFuture<Void> drained = this.drained;
		if (drained != null && this.connections.isEmpty()) {
			drained.complete(null);
		}
		for (ConnectionListener listener : this.listeners) {
			try {
				listener.connectionClosed(connection, reason);
			}
			catch (Throwable ex) {
				logger.warn("Connection listener {} failed", listener, ex);
			}
		}
	}

	/**
	 * Returns the wheel of the connection's event loop, created on first use; called on that loop only.
	 * @return the wheel, or {@code null} when no deadline is configured or the server stopped
	 */
	@Nullable HeartbeatWheel wheelFor(ChannelConnection connection) {
		if (this.longestDeadlineNanos == 0 || this.wheelsStopped) {
			return null;
		}
		EventExecutor loop = connection.channel().eventLoop();
		int index = connection.loopIndex;
		if (index >= 0) {
			HeartbeatWheel wheel = this.wheels[index];
			if (wheel == null) {
				wheel = newWheel(loop);
				this.wheels[index] = wheel;
			}
			return wheel;
		}
		return this.otherWheels.computeIfAbsent(loop, this::newWheel);
	}

	private HeartbeatWheel newWheel(EventExecutor loop) {
		return new HeartbeatWheel(loop, this.heartbeat.tick().toNanos(), this.longestDeadlineNanos);
	}

	/**
	 * Stops the deadline checks; called by the server once its connections are closed.
	 */
	public void stopHeartbeats() {
		this.wheelsStopped = true;
		for (HeartbeatWheel wheel : this.wheels) {
			if (wheel != null) {
				wheel.cancel();
			}
		}
		this.otherWheels.values().forEach(HeartbeatWheel::cancel);
	}

	static @Nullable InetAddress addressOf(Channel channel) {
		return (channel.remoteAddress() instanceof InetSocketAddress address) ? address.getAddress() : null;
	}

	/**
	 * Builder of a {@link ConnectionManager}.
	 */
	public static final class Builder {

		private final String serverName;

		private @Nullable EventLoops eventLoops;

		private @Nullable Codec<?> codec;

		private @Nullable SocketHandler<?> handler;

		private ConnectionLimits limits = ConnectionLimits.DEFAULTS;

		private ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;

		private @Nullable HandlerTimer handlerTimer;

		private HeartbeatPolicy heartbeat = HeartbeatPolicy.DEFAULTS;

		private @Nullable Executor handlerExecutor;

		private int mailboxCapacity = 1024;

		private @Nullable HeartbeatMessages<?> heartbeatMessages;

		private @Nullable ServerSsl ssl;

		private @Nullable ProxyProtocol proxyProtocol;

		private @Nullable AccessRules accessRules;

		private @Nullable ConnectionRateLimit connectionRate;

		private @Nullable MessageRateLimit messageRate;

		private final List<ConnectionListener> listeners = new ArrayList<>();

		private final List<ChannelPipelineCustomizer> pipelineCustomizers = new ArrayList<>();

		private Builder(String serverName) {
			this.serverName = Objects.requireNonNull(serverName, "'serverName' must not be null");
		}

		/**
		 * Sets the event loops serving the connections.
		 * @param eventLoops the loops
		 * @return this builder
		 */
		public Builder eventLoops(EventLoops eventLoops) {
			this.eventLoops = eventLoops;
			return this;
		}

		/**
		 * Sets the codec.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder codec(Codec<?> codec) {
			this.codec = codec;
			return this;
		}

		/**
		 * Sets the application's handler.
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder handler(SocketHandler<?> handler) {
			this.handler = handler;
			return this;
		}

		/**
		 * Sets the limits.
		 * @param limits the limits
		 * @return this builder
		 */
		public Builder limits(ConnectionLimits limits) {
			this.limits = Objects.requireNonNull(limits, "'limits' must not be null");
			return this;
		}

		/**
		 * Sets the allocator of broadcast buffers.
		 * @param allocator the allocator
		 * @return this builder
		 */
		public Builder allocator(ByteBufAllocator allocator) {
			this.allocator = Objects.requireNonNull(allocator, "'allocator' must not be null");
			return this;
		}

		/**
		 * Sets the timer of handler invocations; without one, invocations are not timed.
		 * @param handlerTimer the timer, or {@code null}
		 * @return this builder
		 */
		public Builder handlerTimer(@Nullable HandlerTimer handlerTimer) {
			this.handlerTimer = handlerTimer;
			return this;
		}

		/**
		 * Sets where handlers run: {@code null} for the event loop, otherwise an executor that gets one task per
		 * connection with work at a time.
		 * @param handlerExecutor the executor, or {@code null}
		 * @param mailboxCapacity how many messages of one connection may wait before it stops being read
		 * @return this builder
		 */
		public Builder handlerExecutor(@Nullable Executor handlerExecutor, int mailboxCapacity) {
			if (mailboxCapacity < 2) {
				throw new IllegalArgumentException("'mailboxCapacity' must be at least 2");
			}
			this.handlerExecutor = handlerExecutor;
			this.mailboxCapacity = mailboxCapacity;
			return this;
		}

		/**
		 * Sets the heartbeat policy.
		 * @param heartbeat the policy
		 * @return this builder
		 */
		public Builder heartbeat(HeartbeatPolicy heartbeat) {
			this.heartbeat = Objects.requireNonNull(heartbeat, "'heartbeat' must not be null");
			return this;
		}

		/**
		 * Sets what pings and pongs look like.
		 * @param heartbeatMessages the messages, or {@code null} for none
		 * @return this builder
		 */
		public Builder heartbeatMessages(@Nullable HeartbeatMessages<?> heartbeatMessages) {
			this.heartbeatMessages = heartbeatMessages;
			return this;
		}

		/**
		 * Adds connection listeners.
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder listeners(Collection<? extends ConnectionListener> listeners) {
			this.listeners.addAll(listeners);
			return this;
		}

		/**
		 * Adds pipeline customizers.
		 * @param customizers the customizers
		 * @return this builder
		 */
		public Builder pipelineCustomizers(Collection<? extends ChannelPipelineCustomizer> customizers) {
			this.pipelineCustomizers.addAll(customizers);
			return this;
		}

		/**
		 * Sets the TLS side of the server.
		 * @param ssl the TLS settings, or {@code null} for plain TCP
		 * @return this builder
		 */
		public Builder ssl(@Nullable ServerSsl ssl) {
			this.ssl = ssl;
			return this;
		}

		/**
		 * Sets whether connections start with a PROXY protocol header from a trusted proxy.
		 * @param proxyProtocol the settings, or {@code null} for none
		 * @return this builder
		 */
		public Builder proxyProtocol(@Nullable ProxyProtocol proxyProtocol) {
			this.proxyProtocol = proxyProtocol;
			return this;
		}

		/**
		 * Sets which remote addresses may connect.
		 * @param accessRules the rules, or {@code null} to let every address in
		 * @return this builder
		 */
		public Builder accessRules(@Nullable AccessRules accessRules) {
			this.accessRules = (accessRules != null && accessRules.isEmpty()) ? null : accessRules;
			return this;
		}

		/**
		 * Sets how many new connections one remote address may open per second.
		 * @param connectionRate the limit, or {@code null} for none
		 * @return this builder
		 */
		public Builder connectionRateLimit(@Nullable ConnectionRateLimit connectionRate) {
			this.connectionRate = connectionRate;
			return this;
		}

		/**
		 * Sets how many messages one connection may send per second.
		 * @param messageRate the limit, or {@code null} for none
		 * @return this builder
		 */
		public Builder messageRateLimit(@Nullable MessageRateLimit messageRate) {
			this.messageRate = messageRate;
			return this;
		}

		/**
		 * Builds the manager.
		 * @return the manager
		 */
		public ConnectionManager build() {
			return new ConnectionManager(this);
		}

	}

}
