package dev.socketserver.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.socketserver.access.ConnectionRateLimit;
import dev.socketserver.access.ConnectionRateLimiter;
import dev.socketserver.transport.EventLoops;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.ReferenceCountUtil;
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

	private static final Predicate<Connection> AUTHENTICATED = (connection) -> connection.principal() != null;

	private final ServerRuntime runtime;

	private final EventLoops eventLoops;

	private final Fanout fanout;

	private volatile @Nullable CompletableFuture<Void> drained;

	/** Set once the server stops: a connection accepted before the port closed may still be on its way in. */
	private volatile @Nullable CloseReason shutdown;

	private final ConcurrentHashMap<String, ChannelConnection> connections = new ConcurrentHashMap<>();

	private final Memberships memberships = new Memberships();

	private final AcceptGate acceptGate;

	/**
	 * Creates the manager of a server's connections. Used by servers, not by applications.
	 * @param settings the server's settings, such as its {@code SocketServerConfig}
	 * @param eventLoops the event loops serving the connections
	 * @param handlerExecutor where handlers run, or {@code null} for the event loop
	 */
	public ConnectionManager(ConnectionSettings settings, EventLoops eventLoops, @Nullable Executor handlerExecutor) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		this.eventLoops = Objects.requireNonNull(eventLoops, "'eventLoops' must not be null");
		this.runtime = new ServerRuntime(settings, eventLoops, handlerExecutor, this);
		this.fanout = new Fanout(settings.name(), this.runtime.messageCodec, settings.allocator(),
				eventLoops.workers().size());
		ConnectionRateLimit rate = settings.connectionRateLimit();
		this.acceptGate = new AcceptGate(this.runtime, settings.accessRules(),
				(rate != null) ? new ConnectionRateLimiter(rate) : null);
	}

	/**
	 * Returns the name of the server whose connections these are.
	 * @return the server name
	 */
	public String serverName() {
		return this.runtime.serverName;
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
		return this.runtime.limits;
	}

	/**
	 * Returns the running figures of the connections.
	 * @return the figures
	 */
	public ConnectionStats stats() {
		return this.runtime.stats;
	}

	/**
	 * Returns the open connections bound to an identity.
	 * @param identity the user or device id
	 * @return the connections, empty if none
	 */
	public Set<Connection> connectionsOf(String identity) {
		Set<ChannelConnection> bound = this.memberships.boundTo(identity);
		return (bound != null) ? Collections.unmodifiableSet(bound) : Set.of();
	}

	/**
	 * Returns the identities that have at least one open connection.
	 * @return the identities
	 */
	public Set<String> identities() {
		return this.memberships.identities();
	}

	void bindIdentity(ChannelConnection connection, String identity) {
		String previous;
		boolean changed;
		// Held across both steps (Memberships locks the connection too) so that the previous identity reported
		// is the one replaced.
		synchronized (connection) {
			previous = connection.identity;
			changed = this.memberships.bind(connection, identity);
		}
		if (changed) {
			if (previous != null) {
				notifyListeners((listener) -> listener.identityUnbound(connection, previous));
			}
			notifyListeners((listener) -> listener.identityBound(connection, identity));
		}
	}

	boolean bindIdentityAlone(ChannelConnection connection, String identity) {
		boolean bound = this.memberships.bindAlone(connection, identity);
		if (bound) {
			notifyListeners((listener) -> listener.identityBound(connection, identity));
		}
		return bound;
	}

	void unbindIdentity(ChannelConnection connection) {
		String previous = this.memberships.unbind(connection);
		if (previous != null) {
			notifyListeners((listener) -> listener.identityUnbound(connection, previous));
		}
	}

	/**
	 * Returns the groups that have at least one member.
	 * @return the group names
	 */
	public Set<String> groups() {
		return this.memberships.groups();
	}

	/**
	 * Returns the open connections in a group.
	 * @param group the group name
	 * @return the members, empty if none
	 */
	public Set<Connection> members(String group) {
		Set<ChannelConnection> members = this.memberships.membersOf(group);
		return (members != null) ? Collections.unmodifiableSet(members) : Set.of();
	}

	/**
	 * Returns the number of open connections in a group.
	 * @param group the group name
	 * @return the member count
	 */
	public int groupSize(String group) {
		Set<ChannelConnection> members = this.memberships.membersOf(group);
		return (members != null) ? members.size() : 0;
	}

	void join(ChannelConnection connection, String group) {
		if (this.memberships.join(connection, group)) {
			notifyListeners((listener) -> listener.joined(connection, group));
		}
	}

	void leave(ChannelConnection connection, String group) {
		if (this.memberships.leave(connection, group)) {
			notifyListeners((listener) -> listener.left(connection, group));
		}
	}

	private void notifyListeners(Consumer<ConnectionListener> event) {
		for (ConnectionListener listener : this.runtime.settings.listeners()) {
			try {
				event.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("Connection listener {} failed", listener, ex);
			}
		}
	}

	/**
	 * Sends a message to every open connection.
	 * @param message the message
	 * @return the number of connections it was handed to
	 */
	public int broadcast(Object message) {
		return broadcast(message, null);
	}

	/**
	 * Sends a message to every open connection that passes a filter; on a server that authenticates, to every
	 * authenticated one. The message is encoded once and its bytes shared by all recipients; a recipient over its
	 * outbound limit is skipped or closed per the slow-consumer policy, never waited for.
	 * @param message the message
	 * @param filter which connections receive it, or {@code null} for all
	 * @return the number of connections it was handed to
	 */
	public int broadcast(Object message, @Nullable Predicate<? super Connection> filter) {
		if (this.runtime.settings.authentication() != null) {
			// Groups and identities hold authenticated connections only; everyone includes those still proving it.
			return this.fanout.deliver(this.connections.values(), message,
					(filter != null) ? AUTHENTICATED.and(filter) : AUTHENTICATED);
		}
		return this.fanout.deliver(this.connections.values(), message, filter);
	}

	/**
	 * Sends a message to the members of a group.
	 * @param group the group name
	 * @param message the message
	 * @param filter which members receive it (for example, all but the sender), or {@code null} for all
	 * @return the number of connections it was handed to
	 */
	public int sendToGroup(String group, Object message, @Nullable Predicate<? super Connection> filter) {
		Set<ChannelConnection> members = this.memberships.membersOf(group);
		if (members == null) {
			ReferenceCountUtil.release(message);
			return 0;
		}
		return this.fanout.deliver(members, message, filter);
	}

	/**
	 * Sends a message to every connection bound to an identity.
	 * @param identity the user or device id
	 * @param message the message
	 * @return the number of connections it was handed to
	 */
	public int sendToIdentity(String identity, Object message) {
		Set<ChannelConnection> bound = this.memberships.boundTo(identity);
		if (bound == null) {
			ReferenceCountUtil.release(message);
			return 0;
		}
		return this.fanout.deliver(bound, message, null);
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
			Set<ChannelConnection> bound = this.memberships.boundTo(identity);
			if (bound != null) {
				targets.addAll(bound);
			}
		}
		return this.fanout.deliver(targets, message, filter);
	}

	/**
	 * Returns whether this server's codec encodes messages into bytes by itself (a {@code MessageCodec}), so that
	 * {@link #encode} and the {@code send…Encoded} methods can be used.
	 * @return whether messages have a shared encoding
	 */
	public boolean hasSharedEncoding() {
		return this.fanout.encodes();
	}

	/**
	 * Encodes a message with this server's codec, framing included, into the bytes a connection would write: for
	 * carrying a message elsewhere (to another node) and sending it there with a {@code send…Encoded} method.
	 * Releases the message.
	 * @param message the message
	 * @return the encoded bytes, owned by the caller
	 * @throws IllegalStateException when the codec encodes in the pipeline (see {@link #hasSharedEncoding()})
	 * @throws IllegalArgumentException when the message cannot be encoded
	 */
	public ByteBuf encode(Object message) {
		return this.fanout.encode(message);
	}

	/**
	 * Sends bytes encoded by this server's codec (see {@link #encode}) to every connection bound to an identity,
	 * as {@link #sendToIdentity} sends a message. Releases the bytes.
	 * @param identity the user or device id
	 * @param encoded the encoded message, framing included
	 * @return the number of connections they were handed to
	 */
	public int sendEncodedToIdentity(String identity, ByteBuf encoded) {
		Set<ChannelConnection> bound = this.memberships.boundTo(identity);
		if (bound == null) {
			encoded.release();
			return 0;
		}
		return this.fanout.deliverEncoded(bound, encoded, null);
	}

	/**
	 * Sends bytes encoded by this server's codec (see {@link #encode}) to the members of a group, as
	 * {@link #sendToGroup} sends a message. Releases the bytes.
	 * @param group the group name
	 * @param encoded the encoded message, framing included
	 * @param filter which members receive it, or {@code null} for all
	 * @return the number of connections they were handed to
	 */
	public int sendEncodedToGroup(String group, ByteBuf encoded, @Nullable Predicate<? super Connection> filter) {
		Set<ChannelConnection> members = this.memberships.membersOf(group);
		if (members == null) {
			encoded.release();
			return 0;
		}
		return this.fanout.deliverEncoded(members, encoded, filter);
	}

	/**
	 * Sends bytes encoded by this server's codec (see {@link #encode}) to every open connection, as
	 * {@link #broadcast(Object, Predicate)} sends a message. Releases the bytes.
	 * @param encoded the encoded message, framing included
	 * @param filter which connections receive it, or {@code null} for all
	 * @return the number of connections they were handed to
	 */
	public int broadcastEncoded(ByteBuf encoded, @Nullable Predicate<? super Connection> filter) {
		if (this.runtime.settings.authentication() != null) {
			return this.fanout.deliverEncoded(this.connections.values(), encoded,
					(filter != null) ? AUTHENTICATED.and(filter) : AUTHENTICATED);
		}
		return this.fanout.deliverEncoded(this.connections.values(), encoded, filter);
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
	 * Serves new connections again after a stop or a drain; called by a server before it binds its port.
	 */
	public void startAccepting() {
		this.shutdown = null;
		this.drained = null;
	}

	/**
	 * Closes every open connection, and every connection that finishes opening afterwards until
	 * {@link #startAccepting()}: one accepted just before the port closed would otherwise stay open after its
	 * server stopped.
	 * @param reason the close reason
	 */
	public void closeAllForShutdown(CloseReason reason) {
		this.shutdown = reason;
		closeAll(reason);
	}

	/**
	 * Shuts every connection down gracefully: each is told goodbye through its handler, stops being read,
	 * finishes what it received, flushes its replies and half-closes; once its peer closes too, it is gone.
	 * @return completes when no connection is left
	 */
	public CompletableFuture<Void> drain() {
		CompletableFuture<Void> drained = new CompletableFuture<>();
		this.drained = drained;
		forEachByLoop(GracefulClose::beginDrain);
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

	private void forEachByLoop(Consumer<ChannelConnection> action) {
		Map<EventExecutor, List<ChannelConnection>> byLoop = new HashMap<>();
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
		return new ConnectionInitializer(this.runtime);
	}

	/**
	 * Stops the deadline checks; called by the server once its connections are closed.
	 */
	public void stopHeartbeats() {
		this.runtime.deadlines.stop();
	}

	Collection<ChannelConnection> live() {
		return this.connections.values();
	}

	void opened(ChannelConnection connection) {
		connection.loopIndex = this.eventLoops.indexOf(connection.channel().eventLoop());
		this.connections.put(connection.id(), connection);
		this.runtime.stats.recordOpened();
		notifyListeners((listener) -> listener.connectionOpened(connection));
		// Put before the flags are read, and set before the map is walked: a connection is either seen by the
		// shutdown's walk or sees the shutdown here. Acted on after channelActive, once the connection is served.
		CloseReason shutdown = this.shutdown;
		if (shutdown != null || this.drained != null) {
			Runnable late = (shutdown != null) ? () -> connection.close(shutdown)
					: () -> GracefulClose.beginDrain(connection);
			try {
				connection.channel().eventLoop().execute(late);
			}
			catch (RejectedExecutionException ex) {
				connection.channel().close();
			}
		}
	}

	void closed(ChannelConnection connection, CloseReason reason) {
		connection.unregistered = true;
		// Totals first, then removal: a scrape in between counts the connection twice for an instant rather
		// than not at all, so counters never seem to go down.
		if (this.connections.containsKey(connection.id())) {
			this.runtime.stats.recordClosed(connection, reason);
		}
		if (this.connections.remove(connection.id(), connection)) {
			this.eventLoops.connectionClosed(connection.loopIndex);
		}
		this.memberships.removeAll(connection);
		this.acceptGate.released(connection.channel());
		CompletableFuture<Void> drained = this.drained;
		if (drained != null && this.connections.isEmpty()) {
			drained.complete(null);
		}
		notifyListeners((listener) -> listener.connectionClosed(connection, reason));
	}

	static @Nullable InetAddress addressOf(Channel channel) {
		return (channel.remoteAddress() instanceof InetSocketAddress address) ? address.getAddress() : null;
	}

}
