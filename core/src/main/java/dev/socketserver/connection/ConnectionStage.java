package dev.socketserver.connection;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import javax.net.ssl.SSLException;

import dev.socketserver.access.MessageRateGate;
import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.dispatch.Mailbox;
import dev.socketserver.heartbeat.Deadlines;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.request.RequestRefusedException;
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
 * What a channel's events do to its connection: opening, the end of each read batch, writability, the close,
 * TLS and PROXY outcomes and errors; the messages its {@link InboundStage} decodes, pings answered, the rest
 * handed to the server's {@link Dispatcher}; the deadlines' callbacks; and the mechanics of closing. Its
 * subclass {@link ChannelConnection} is the public face of the same object. Fields without {@code volatile}
 * belong to the event loop.
 */
abstract class ConnectionStage extends InboundStage {

	private static final Logger logger = LoggerFactory.getLogger(ChannelConnection.class);

	private static final AtomicReferenceFieldUpdater<ConnectionStage, CloseReason> CLOSE_REASON =
			AtomicReferenceFieldUpdater.newUpdater(ConnectionStage.class, CloseReason.class, "closeReason");

	final String id;

	final OutboundWriter outbound;

	private @Nullable Deadlines deadlines;

	long openedNanos;

	int loopIndex = -1;

	private boolean pongInBatch;

	private boolean activated;

	boolean handlerOpened;

	volatile boolean draining;

	volatile boolean closeWhenMailboxEmpty;

	volatile @Nullable CloseReason closeReason;

	@Nullable Mailbox mailbox;

	volatile @Nullable CompletableFuture<CloseReason> closeStage;

	@Nullable PeerState peer;

	private @Nullable MessageRateGate rateGate;

	/** The authentication phase, until it authenticates the connection; {@code null} on servers without one. */
	@Nullable AuthenticationGate authGate;

	/** Requests waiting for replies; from the first request on. */
	private @Nullable PendingRequests requests;

	ConnectionStage(ServerRuntime runtime, String id, Channel channel) {
		super(runtime, channel);
		this.id = id;
		this.outbound = new OutboundWriter(this, channel);
	}

	/**
	 * Returns this object as the connection the application sees.
	 */
	abstract ChannelConnection connection();

	/**
	 * Returns the peer's address, behind a trusted proxy the client's.
	 * @return the remote address
	 */
	public abstract SocketAddress remoteAddress();

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
		this.openedNanos = now();
		this.lastReadNanos = this.openedNanos;
		this.outbound.attach(ctx, this.openedNanos);
		if (this.runtime.deadlines.policy().longestNanos() > 0) {
			this.deadlines = new Deadlines(connection(), this.openedNanos);
		}
		MessageRateLimit rate = this.runtime.settings.messageRateLimit();
		if (rate != null) {
			this.rateGate = new MessageRateGate(this, rate, this.openedNanos);
		}
		Authentication authentication = this.runtime.settings.authentication();
		if (authentication != null) {
			this.authGate = new AuthenticationGate(connection(), authentication, this.runtime.handlerExecutor);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.runtime.connections.opened(connection());
		Deadlines deadlines = this.deadlines;
		if (deadlines != null) {
			deadlines.start(this.runtime.wheelFor(connection()), this.openedNanos);
		}
		this.activated = true;
		PeerState peer = this.peer;
		if (peer == null || peer.isReady()) {
			serve();
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
		PendingRequests requests = this.requests;
		if (requests != null) {
			requests.failAll(reason);
		}
		this.runtime.connections.closed(connection(), reason);
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
				GracefulClose.peerFinishedSending(connection());
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
			peer.tlsFailed(problem);
		}
		else if (cause instanceof DecoderException) {
			// A codec made of Netty handlers refused the input: the same reaction as to inline decode errors.
			decodeFailed(problem);
		}
		else {
			if (cause instanceof IOException) {
				logger.debug("Connection {} of socket server '{}' failed: {}", this.id, this.runtime.serverName,
						cause.toString());
			}
			else {
				logger.warn("Connection {} of socket server '{}' failed", this.id, this.runtime.serverName, cause);
			}
			closeNow(CloseReason.IO_ERROR);
		}
	}

	/**
	 * Answers or notes heartbeat messages, and hands everything else to the handler.
	 */
	@Override
	void receive(Object message) {
		MessageRateGate gate = this.rateGate;
		if (gate != null && !gate.admit(message)) {
			return;
		}
		AuthenticationGate authGate = this.authGate;
		if (authGate == null && !this.handlerOpened) {
			// TLS and PROXY events precede the first message; should one be missed, the handler still opens first.
			openHandler();
		}
		PingPong pingPong = this.runtime.pingPong;
		if (pingPong != null && pingPong.consumed(this, message)) {
			return;
		}
		// Pings above keep an unauthenticated connection alive, but its deadline still runs.
		if (authGate != null && authGate.holds(message)) {
			return;
		}
		PendingRequests requests = this.requests;
		if (requests != null && requests.size() != 0 && requests.completes(message, now())) {
			return;
		}
		dispatch(message);
	}

	/**
	 * Registers a request and writes it; on the event loop.
	 */
	void startRequest(RequestPolicy policy, Object message, CompletableFuture<Object> reply, Duration timeout) {
		if (!isOpen()) {
			ReferenceCountUtil.release(message);
			this.runtime.stats.recordRequestFailed();
			reply.completeExceptionally(new ConnectionClosedException(this.id, closeReasonOrPeerClosed()));
			return;
		}
		PendingRequests requests = this.requests;
		if (requests == null) {
			requests = new PendingRequests(connection(), policy);
			this.requests = requests;
		}
		PendingRequests.Pending pending;
		try {
			pending = requests.add(message, reply, now(), timeout);
		}
		catch (RequestRefusedException ex) {
			ReferenceCountUtil.release(message);
			this.runtime.stats.recordRequestFailed();
			reply.completeExceptionally(ex);
			return;
		}
		if (!this.outbound.write(message, null)) {
			requests.remove(pending);
			this.runtime.stats.recordRequestFailed();
			reply.completeExceptionally(new RequestRefusedException("Request " + pending.id
					+ " could not be written to connection " + this.id + " (closed, dropped or not encodable)"));
			return;
		}
		this.runtime.stats.recordRequestSent();
		Deadlines deadlines = this.deadlines;
		if (deadlines != null) {
			deadlines.requestDeadline(pending.deadline);
		}
	}

	/**
	 * Fails the overdue requests; on the deadline wheel's visit.
	 * @return the next request deadline, or 0 if none waits
	 */
	public long expireRequests(long now) {
		PendingRequests requests = this.requests;
		return (requests != null && requests.size() != 0) ? requests.expire(now) : 0;
	}

	/**
	 * Returns whether this connection is open.
	 * @return whether it is open
	 */
	public boolean isOpen() {
		return this.channel.isActive() && this.closeReason == null;
	}

	/**
	 * Notes a pong in this read batch: at its end, outstanding pings count as answered.
	 */
	void pongReceived() {
		this.pongInBatch = true;
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
		this.runtime.dispatcher.dispatch(connection(), item);
	}

	void openHandler() {
		this.handlerOpened = true;
		dispatch(Dispatcher.OPENED);
	}

	/**
	 * Serves the connection once the peer is ready: opens the handler, or first the authentication phase.
	 */
	private void serve() {
		AuthenticationGate authGate = this.authGate;
		if (authGate != null) {
			authGate.open();
		}
		else {
			openHandler();
		}
	}

	/**
	 * Serves the connection once TLS and PROXY no longer hold it back.
	 */
	void peerReady() {
		if (this.activated && !this.handlerOpened && this.closeReason == null && this.channel.isActive()) {
			serve();
		}
	}

	PeerState peerState() {
		PeerState peer = this.peer;
		if (peer == null) {
			peer = new PeerState(connection());
			this.peer = peer;
		}
		return peer;
	}

	@Nullable SslHandler sslHandler() {
		PeerState peer = this.peer;
		return (peer != null) ? peer.sslHandler() : null;
	}

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
	public void closeAsRateLimited(Object message, String detail) {
		ReferenceCountUtil.release(message);
		this.discarding = true;
		// Replies to the messages within the limit still go out.
		this.outbound.flushIfPending();
		closeForProtection(CloseReason.RATE_LIMITED, detail);
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
			this.runtime.protectionLog.closed(connection(), reason, detail);
			this.channel.close();
		}
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

	CloseReason closeReasonOrPeerClosed() {
		CloseReason reason = this.closeReason;
		return (reason != null) ? reason : CloseReason.PEER_CLOSED;
	}

	/**
	 * Returns whether a close was requested, whether or not the channel has closed yet.
	 */
	boolean isClosing() {
		return this.closeReason != null;
	}

}
