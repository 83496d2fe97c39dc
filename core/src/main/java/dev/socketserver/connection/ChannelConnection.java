package dev.socketserver.connection;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import dev.socketserver.heartbeat.DeadlineWheel;
import dev.socketserver.heartbeat.Deadlines;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.transport.Transport;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection as the application holds it: the {@link Connection} API over the stage its superclasses make of
 * the same object (one allocation per connection, with its outbound writer and deadlines). Safe from any
 * thread.
 */
final class ChannelConnection extends ConnectionStage implements Connection, Deadlines.Owner {

	private static final Logger logger = LoggerFactory.getLogger(ChannelConnection.class);

	private static final String[] NO_GROUPS = {};
	/** Set before identity and group entries are removed at close, so late binds can undo themselves. */
	volatile boolean unregistered;
	volatile @Nullable String identity;
	volatile String[] groups = NO_GROUPS;

	ChannelConnection(ServerRuntime runtime, String id, Channel channel) {
		super(runtime, id, channel);
	}

	@Override
	ChannelConnection connection() {
		return this;
	}

	@Override
	public boolean isLive() {
		return !this.discarding && this.closeReason == null && this.channel.isActive();
	}

	@Override
	public long openedNanos() {
		return this.openedNanos;
	}

	@Override
	public long lastReadNanos() {
		return this.lastReadNanos;
	}

	@Override
	public boolean hasReceived() {
		return this.bytesIn != 0 || this.messagesIn != 0;
	}

	@Override
	public long outputProgressNanos(long now) {
		return this.outbound.observeProgress(now);
	}

	@Override
	public boolean ping() {
		HeartbeatMessages<Object> messages = this.runtime.heartbeatMessages;
		if (messages == null) {
			return false;
		}
		this.runtime.stats.recordPingSent();
		this.outbound.write(messages.ping(), null);
		return true;
	}

	@Override
	public void expired(Deadlines.Expiry expiry) {
		CloseReason reason = switch (expiry) {
			case FIRST_MESSAGE -> CloseReason.FIRST_MESSAGE_TIMEOUT;
			case FRAME -> CloseReason.FRAME_TIMEOUT;
			case IDLE -> CloseReason.IDLE_TIMEOUT;
			case UNWRITABLE -> CloseReason.SLOW_CONSUMER;
			case HEARTBEAT -> CloseReason.HEARTBEAT_TIMEOUT;
			case AUTHENTICATION -> CloseReason.AUTHENTICATION_TIMEOUT;
		};
		logger.debug("Closing connection {} from {} on socket server '{}': {}", this.id, remoteAddress(),
				this.runtime.serverName, reason);
		closeNow(reason);
	}

	@Override
	public @Nullable DeadlineWheel wheel() {
		return this.runtime.wheelFor(this);
	}

	@Override
	public boolean isAuthenticating() {
		return this.authGate != null;
	}

	@Override
	public void handlerFailed(Throwable error) {
		this.runtime.dispatcher.handlerFailed(this, error);
	}

	// Sending and closing

	@Override
	public CompletionStage<Void> send(Object message) {
		return this.outbound.send(message);
	}

	@Override
	public boolean offer(Object message) {
		return this.outbound.write(message, null);
	}

	@Override
	public CompletionStage<Object> request(Object message) {
		return PendingRequests.send(this, message, null);
	}

	@Override
	public CompletionStage<Object> request(Object message, Duration timeout) {
		return PendingRequests.send(this, message, Objects.requireNonNull(timeout, "'timeout' must not be null"));
	}

	@Override
	public void close(CloseReason reason) {
		if (!setCloseReason(reason)) {
			return;
		}
		if (reason == CloseReason.CLOSED_BY_APPLICATION || reason == CloseReason.SERVER_SHUTDOWN
				|| reason == CloseReason.CLOSED_BY_ADMIN) {
			GracefulClose.closeAfterPendingWrites(this);
		}
		else {
			this.channel.close();
		}
	}

	@Override
	public @Nullable CloseReason closeReason() {
		return this.channel.isActive() ? null : this.closeReason;
	}

	@Override
	public CompletionStage<CloseReason> closeFuture() {
		CompletableFuture<CloseReason> stage = this.closeStage;
		if (stage == null) {
			synchronized (this) {
				stage = this.closeStage;
				if (stage == null) {
					stage = new CompletableFuture<>();
					this.closeStage = stage;
					// channelInactive may have run before the stage existed; it sets this flag first.
					if (this.unregistered) {
						stage.complete(closeReasonOrPeerClosed());
					}
				}
			}
		}
		return stage.minimalCompletionStage();
	}

	// State

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String serverName() {
		return this.runtime.serverName;
	}

	@Override
	public SocketAddress remoteAddress() {
		PeerState peer = this.peer;
		SocketAddress proxied = (peer != null) ? peer.proxiedRemote() : null;
		if (proxied != null) {
			return proxied;
		}
		SocketAddress address = this.channel.remoteAddress();
		return (address != null) ? address : this.runtime.unknownAddress;
	}

	@Override
	public SocketAddress localAddress() {
		SocketAddress address = this.channel.localAddress();
		return (address != null) ? address : this.runtime.unknownAddress;
	}

	@Override
	public Transport transport() {
		return this.runtime.transport;
	}

	@Override
	public @Nullable SSLSession sslSession() {
		PeerState peer = this.peer;
		return (peer != null) ? peer.sslSession() : null;
	}

	@Override
	public @Nullable X509Certificate peerCertificate() {
		PeerState peer = this.peer;
		return (peer != null) ? peer.peerCertificate() : null;
	}

	@Override
	public Instant openedAt() {
		return instantOf(this.openedNanos);
	}

	@Override
	public Instant lastReadAt() {
		return instantOf(this.lastReadNanos);
	}

	@Override
	public Instant lastWriteAt() {
		return instantOf(this.outbound.lastWriteNanos);
	}

	private Instant instantOf(long nanos) {
		// The wall clock at a ticker stamp: now, less the time since. No wall-clock stamp is kept per connection.
		return Instant.ofEpochMilli(System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(now() - nanos));
	}

	@Override
	public long bytesReceived() {
		return this.bytesIn;
	}

	@Override
	public long bytesSent() {
		return this.outbound.bytesOut;
	}

	@Override
	public long messagesReceived() {
		return this.messagesIn;
	}

	@Override
	public long messagesSent() {
		return this.outbound.messagesOut;
	}

	@Override
	public boolean isWritable() {
		return this.channel.isWritable();
	}

	@Override
	public long pendingOutboundBytes() {
		return this.outbound.pendingBytes();
	}

	@Override
	public @Nullable String identity() {
		return this.identity;
	}

	@Override
	public void bindIdentity(String identity) {
		if (this.runtime.settings.authentication() != null) {
			SocketPrincipal principal = principal();
			if (principal == null || !principal.name().equals(identity)) {
				throw new IllegalStateException("Socket server '" + this.runtime.serverName
						+ "' authenticates its connections: the identity of connection " + this.id
						+ " is its principal's name, not '" + identity + "'");
			}
		}
		this.runtime.connections.bindIdentity(this, identity);
	}

	@Override
	public @Nullable SocketPrincipal principal() {
		PeerState peer = this.peer;
		return (peer != null) ? peer.principal() : null;
	}

	@Override
	public boolean forbidden(String authority) {
		this.runtime.stats.recordForbidden();
		Authentication authentication = this.runtime.settings.authentication();
		SocketPrincipal principal = principal();
		String who = (principal != null) ? "principal '" + principal.name() + "'" : "an unauthenticated connection";
		if (authentication != null && authentication.closeWhenForbidden()) {
			if (setCloseReason(CloseReason.FORBIDDEN)) {
				this.runtime.protectionLog.closed(this, CloseReason.FORBIDDEN, who + " lacks authority " + authority);
				// The caller's error reply goes out first.
				GracefulClose.closeAfterPendingWrites(this);
			}
			return false;
		}
		this.runtime.protectionLog.forbidden(this, who, authority);
		return true;
	}

	/**
	 * Applies the server's takeover policy to a principal about to be bound; on the event loop.
	 * @return whether this connection may be it
	 */
	boolean takeOver(SocketPrincipal principal) {
		Authentication authentication = this.runtime.settings.authentication();
		IdentityTakeover takeover = (authentication != null) ? authentication.takeover() : IdentityTakeover.KEEP_BOTH;
		if (takeover == IdentityTakeover.KEEP_BOTH) {
			return true;
		}
		if (takeover == IdentityTakeover.REFUSE_NEWER) {
			// Checked and bound in one step, so that of two connections authenticating at once only one is kept.
			if (this.runtime.connections.bindIdentityAlone(this, principal.name())) {
				return true;
			}
			this.outbound.flushIfPending();
			closeForProtection(CloseReason.IDENTITY_IN_USE, "'" + principal.name() + "' is already connected");
			return false;
		}
		for (Connection other : List.copyOf(this.runtime.connections.connectionsOf(principal.name()))) {
			other.close(CloseReason.REPLACED);
		}
		return true;
	}

	/**
	 * Ends the authentication phase: the principal becomes the identity and the handler opens; on the event loop.
	 */
	void authenticated(SocketPrincipal principal) {
		// Kept with what else is known of the peer: a server without authentication pays no field for it.
		peerState().authenticated(principal);
		this.authGate = null;
		this.runtime.stats.recordAuthenticated();
		this.runtime.connections.bindIdentity(this, principal.name());
		openHandler();
	}

	@Override
	public void unbindIdentity() {
		this.runtime.connections.unbindIdentity(this);
	}

	@Override
	public Set<String> groups() {
		return Set.of(this.groups);
	}

	boolean isMemberOf(String group) {
		return Arrays.asList(this.groups).contains(group);
	}

	@Override
	public void join(String group) {
		if (this.runtime.settings.authentication() != null && principal() == null) {
			throw new IllegalStateException("Connection " + this.id + " of socket server '" + this.runtime.serverName
					+ "' cannot join a group before it is authenticated");
		}
		this.runtime.connections.join(this, group);
	}

	@Override
	public void leave(String group) {
		this.runtime.connections.leave(this, group);
	}

	@Override
	public <T> @Nullable T attribute(ConnectionAttribute<T> attribute) {
		return this.channel.hasAttr(attribute.key()) ? this.channel.attr(attribute.key()).get() : null;
	}

	@Override
	public <T> void setAttribute(ConnectionAttribute<T> attribute, @Nullable T value) {
		if (value != null || this.channel.hasAttr(attribute.key())) {
			this.channel.attr(attribute.key()).set(value);
		}
	}

	@Override
	public Runnable tap(FrameListener listener) {
		return FrameTaps.attach(this, Objects.requireNonNull(listener, "'listener' must not be null"));
	}

	@Override
	public Channel channel() {
		return this.channel;
	}

	@Override
	public String toString() {
		return "Connection " + this.id + " from " + remoteAddress() + " on '" + serverName() + "'";
	}

	@Override
	public boolean isSharable() {
		return false;
	}

}
