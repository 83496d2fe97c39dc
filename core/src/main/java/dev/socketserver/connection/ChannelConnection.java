package dev.socketserver.connection;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import dev.socketserver.access.MessageRateGate;
import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.dispatch.Mailbox;
import dev.socketserver.heartbeat.Deadlines;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import dev.socketserver.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection and its pipeline stage in one object, so that a connection costs one allocation (with its
 * outbound writer and deadlines): it takes the messages its {@link InboundStage} decodes, answers pings, hands
 * the rest to the server's {@link Dispatcher}, and is the {@link Connection} the application holds. Fields
 * without {@code volatile} belong to the event loop; other threads only read them for figures.
 */
final class ChannelConnection extends InboundStage implements Connection, Deadlines.Owner {

	private static final Logger logger = LoggerFactory.getLogger(ChannelConnection.class);

	private static final String[] NO_GROUPS = {};

	private static final AtomicReferenceFieldUpdater<ChannelConnection, CloseReason> CLOSE_REASON = AtomicReferenceFieldUpdater
		.newUpdater(ChannelConnection.class, CloseReason.class, "closeReason");

	private final String id;

	private final Channel channel;

	final OutboundWriter outbound;

	private @Nullable Deadlines deadlines;

	private final long openedMillis;

	private long openedNanos;

	int loopIndex = -1;

	private boolean pongInBatch;

	private boolean activated;

	boolean handlerOpened;

	volatile boolean draining;

	volatile boolean closeWhenMailboxEmpty;

	private volatile @Nullable CloseReason closeReason;

	/** Set before identity and group entries are removed at close, so late binds can undo themselves. */
	volatile boolean unregistered;

	volatile @Nullable String identity;

	volatile String[] groups = NO_GROUPS;

	@Nullable Mailbox mailbox;

	private volatile @Nullable CompletableFuture<CloseReason> closeStage;

	private @Nullable PeerState peer;

	private @Nullable MessageRateGate rateGate;

	ChannelConnection(ServerRuntime runtime, String id, Channel channel) {
		super(runtime, channel);
		this.id = id;
		this.channel = channel;
		this.openedMillis = System.currentTimeMillis();
		this.outbound = new OutboundWriter(this, channel, runtime.messageCodec);
	}

	// Netty stage

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
		this.openedNanos = now();
		this.lastReadNanos = this.openedNanos;
		this.outbound.attach(ctx, this.openedNanos);
		if (this.runtime.deadlines.policy().longestNanos() > 0) {
			this.deadlines = new Deadlines(this, this.runtime.deadlines.policy(), this.openedNanos);
		}
		MessageRateLimit rate = this.runtime.settings.messageRateLimit();
		if (rate != null) {
			this.rateGate = new MessageRateGate(this, rate, this.openedNanos);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.runtime.connections.opened(this);
		Deadlines deadlines = this.deadlines;
		if (deadlines != null) {
			deadlines.start(this.runtime.wheelFor(this), this.openedNanos);
		}
		this.activated = true;
		PeerState peer = this.peer;
		if (peer == null || peer.isReady()) {
			openHandler();
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.inReadBatch = false;
		long now = now();
		this.lastReadNanos = now;
		MessageRateGate gate = this.rateGate;
		if (gate != null) {
			gate.refill(now);
		}
		Deadlines deadlines = this.deadlines;
		if (deadlines != null) {
			if (this.pongInBatch) {
				this.pongInBatch = false;
				deadlines.pongReceived(now);
			}
			deadlines.frameProgress(now, hasBufferedInput(), this.decodedInBatch);
		}
		this.decodedInBatch = false;
		if (this.outbound.isFlushPending()) {
			this.outbound.flush(now);
		}
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		Deadlines deadlines = this.deadlines;
		if (!ctx.channel().isWritable()) {
			// Paused before the flush: the flush can make the channel writable again and fire the event for it
			// synchronously, inside this call. Pausing after it would then never be undone.
			pauseReading(PAUSED_UNWRITABLE);
			if (deadlines != null) {
				deadlines.writability(now(), true);
			}
			// Replies already produced must reach the socket, or the peer can never drain them.
			this.outbound.flushIfPending();
		}
		// The state, not the event, decides: the flush above may have changed it.
		if (ctx.channel().isWritable()) {
			if (deadlines != null) {
				deadlines.writability(now(), false);
			}
			resumeReading(PAUSED_UNWRITABLE);
			outboundDrained();
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		CLOSE_REASON.compareAndSet(this, null, CloseReason.PEER_CLOSED);
		CloseReason reason = closeReasonOrPeerClosed();
		discardInput();
		this.outbound.discardBatch();
		this.outbound.drainCrossThreadWrites();
		outboundDrained();
		Deadlines deadlines = this.deadlines;
		if (deadlines != null) {
			deadlines.stop();
		}
		this.runtime.connections.closed(this, reason);
		if (this.handlerOpened) {
			dispatch(new Dispatcher.Closed(reason));
		}
		CompletableFuture<CloseReason> stage = this.closeStage;
		if (stage != null) {
			stage.complete(reason);
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof ChannelInputShutdownEvent) {
			if (this.draining && this.closeReason != null) {
				// Our side already finished with FIN; the peer answered with its own: done, cleanly.
				this.channel.close();
			}
			else {
				GracefulClose.peerFinishedSending(this);
			}
		}
		else if (evt instanceof SslHandshakeCompletionEvent handshake && this.peer != null) {
			if (handshake.isSuccess()) {
				this.peer.handshakeSucceeded();
			}
			else {
				this.peer.handshakeFailed(handshake.cause());
			}
		}
		ctx.fireUserEventTriggered(evt);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		Throwable problem = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause() : cause;
		PeerState peer = this.peer;
		if (problem instanceof HAProxyProtocolException && peer != null) {
			peer.proxyProtocolFailed("malformed PROXY header: " + problem.getMessage());
		}
		else if (peer != null && peer.sslHandler() != null && problem instanceof SSLException) {
			// A peer's TLS error (such as plain text on the TLS port): expected from scanners and broken clients,
			// not a failure of ours, so no stack trace.
			if (peer.sslSession() == null) {
				peer.handshakeFailed(problem);
			}
			else {
				logger.debug("TLS of connection {} of socket server '{}' failed: {}", this.id, serverName(),
						problem.toString());
				closeNow(CloseReason.IO_ERROR);
			}
		}
		else if (cause instanceof DecoderException) {
			// A codec made of Netty handlers refused the input: the same reaction as to inline decode errors.
			decodeFailed(problem);
		}
		else {
			if (cause instanceof IOException) {
				logger.debug("Connection {} of socket server '{}' failed: {}", this.id, serverName(), cause.toString());
			}
			else {
				logger.warn("Connection {} of socket server '{}' failed", this.id, serverName(), cause);
			}
			closeNow(CloseReason.IO_ERROR);
		}
	}

	// Inbound

	/**
	 * Answers or notes heartbeat messages, and hands everything else to the handler.
	 */
	@Override
	void receive(Object message) {
		MessageRateGate gate = this.rateGate;
		if (gate != null && !gate.admit(message)) {
			return;
		}
		if (!this.handlerOpened) {
			// TLS and PROXY events precede the first message; should one be missed, the handler still opens first.
			openHandler();
		}
		HeartbeatMessages<Object> messages = this.runtime.heartbeatMessages;
		if (messages != null) {
			HeartbeatPolicy heartbeat = this.runtime.settings.heartbeat();
			if (heartbeat.pingsEnabled() && messages.isPong(message)) {
				this.pongInBatch = true;
				this.runtime.stats.recordPongReceived();
				if (!heartbeat.deliverPings()) {
					ReferenceCountUtil.release(message);
					return;
				}
			}
			else if (heartbeat.answerPings() && messages.isPing(message)) {
				this.runtime.stats.recordPingAnswered();
				this.outbound.write(messages.pong(message), null);
				if (!heartbeat.deliverPings()) {
					ReferenceCountUtil.release(message);
					return;
				}
			}
		}
		dispatch(message);
	}

	@Override
	void decodeFailed(Throwable ex) {
		if (this.discarding && this.closeReason != null) {
			return;
		}
		this.discarding = true;
		this.runtime.stats.recordDecodeError();
		// Replies to the well-formed messages before the bad one still go out.
		this.outbound.flushIfPending();
		closeForProtection((ex instanceof TooLongFrameException) ? CloseReason.FRAME_TOO_LARGE
				: CloseReason.DECODE_ERROR, String.valueOf(ex.getMessage()));
	}

	@Override
	void heldBackDecoded() {
		Deadlines deadlines = this.deadlines;
		if (deadlines != null) {
			deadlines.frameProgress(now(), hasBufferedInput(), this.decodedInBatch);
		}
		this.decodedInBatch = false;
		this.outbound.flushIfPending();
	}

	@Override
	void frameReset() {
		if (this.deadlines != null) {
			this.deadlines.frameReset();
		}
	}

	void dispatch(Object item) {
		this.runtime.dispatcher.dispatch(this, item);
	}

	private void openHandler() {
		this.handlerOpened = true;
		dispatch(Dispatcher.OPENED);
	}

	/**
	 * Opens the handler once TLS and PROXY no longer hold it back.
	 */
	void peerReady() {
		if (this.activated && !this.handlerOpened && this.closeReason == null && this.channel.isActive()) {
			openHandler();
		}
	}

	PeerState peerState() {
		PeerState peer = this.peer;
		if (peer == null) {
			peer = new PeerState(this);
			this.peer = peer;
		}
		return peer;
	}

	@Nullable SslHandler sslHandler() {
		PeerState peer = this.peer;
		return (peer != null) ? peer.sslHandler() : null;
	}

	@Override
	public void handlerFailed(Throwable error) {
		this.runtime.dispatcher.handlerFailed(this, error);
	}

	// What the mailbox and the deadlines need of the connection

	/**
	 * Returns whether replies may be produced without queueing past the write buffer's high water mark.
	 */
	boolean hasOutboundRoom() {
		// Conditions whose end is always announced: a writability change, or the drain of the cross-thread queue.
		return !this.channel.isActive() || (this.channel.isWritable()
				&& this.outbound.queuedBytes() < this.channel.config().getWriteBufferHighWaterMark());
	}

	/**
	 * Lets a mailbox that stopped for lack of outbound room go on; on the event loop.
	 */
	void outboundDrained() {
		Mailbox box = this.mailbox;
		if (box != null) {
			box.unpark();
		}
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
		};
		logger.debug("Closing connection {} from {} on socket server '{}': {}", this.id, remoteAddress(), serverName(),
				reason);
		closeNow(reason);
	}

	@Override
	public void closeAsRateLimited(Object message, String detail) {
		ReferenceCountUtil.release(message);
		this.discarding = true;
		// Replies to the messages within the limit still go out.
		this.outbound.flushIfPending();
		closeForProtection(CloseReason.RATE_LIMITED, detail);
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

	/**
	 * Closes at once with a protective reason, dropping whatever is still queued.
	 */
	void closeNow(CloseReason reason) {
		if (setCloseReason(reason)) {
			this.channel.close();
		}
	}

	/**
	 * Closes at once and logs why (rate-limited), unless a close was already under way.
	 */
	void closeForProtection(CloseReason reason, String detail) {
		if (setCloseReason(reason)) {
			this.runtime.protectionLog.closed(this, reason, detail);
		}
		this.channel.close();
	}

	/**
	 * Records a reason for a close that happens anyway.
	 */
	void closeQuietly(CloseReason reason) {
		setCloseReason(reason);
	}

	/**
	 * Closes at once whatever the state, for the end of a grace period.
	 */
	void abort(CloseReason reason) {
		setCloseReason(reason);
		this.channel.close();
	}

	boolean setCloseReason(CloseReason reason) {
		return CLOSE_REASON.compareAndSet(this, null, reason);
	}

	private CloseReason closeReasonOrPeerClosed() {
		CloseReason reason = this.closeReason;
		return (reason != null) ? reason : CloseReason.PEER_CLOSED;
	}

	/**
	 * Returns whether a close was requested, whether or not the channel has closed yet.
	 */
	boolean isClosing() {
		return this.closeReason != null;
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

	@Override
	public boolean isOpen() {
		return this.channel.isActive() && this.closeReason == null;
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
		return Instant.ofEpochMilli(this.openedMillis);
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
		return Instant.ofEpochMilli(this.openedMillis + TimeUnit.NANOSECONDS.toMillis(nanos - this.openedNanos));
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
		this.runtime.connections.bindIdentity(this, identity);
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
