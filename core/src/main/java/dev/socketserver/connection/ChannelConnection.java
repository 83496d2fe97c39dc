package dev.socketserver.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import dev.socketserver.access.MessageRateLimit;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import dev.socketserver.handler.HandlerTimer;
import dev.socketserver.handler.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection and its pipeline stage in one object, so that a connection costs one allocation: decodes
 * inbound bytes, hands messages to the handler, encodes outbound messages into single buffers and flushes once
 * per read batch.
 * <p>
 * Fields without {@code volatile} belong to the event loop; other threads only read them for figures, where a
 * slightly stale value is fine.
 */
final class ChannelConnection extends ChannelDuplexHandler implements Connection {

	private static final Logger logger = LoggerFactory.getLogger(ChannelConnection.class);

	private static final String[] NO_GROUPS = {};

	private static final AtomicReferenceFieldUpdater<ChannelConnection, CloseReason> CLOSE_REASON = AtomicReferenceFieldUpdater
		.newUpdater(ChannelConnection.class, CloseReason.class, "closeReason");

	/** Why reads are paused, one bit each; reads run only while no bit is set. */
	static final int PAUSED_UNWRITABLE = 1;

	static final int PAUSED_DRAINING = 2;

	static final int PAUSED_MAILBOX = 4;

	static final int PAUSED_RATE = 8;

	/** Its fan-out used up this turn's share of the event loop: the others get a turn first. */
	static final int PAUSED_YIELD = 16;

	/**
	 * Pauses of ours rather than the peer's: buffered input waits undecoded, and the peer is neither idle nor slow
	 * to complete a frame meanwhile.
	 */
	private static final int HELD_BACK = PAUSED_UNWRITABLE | PAUSED_MAILBOX | PAUSED_RATE | PAUSED_YIELD;

	/**
	 * Recipients that the messages of one read may send to before the connection yields its event loop: a chat
	 * line to 2,000 members costs 2,000 writes, and a read of pipelined lines would otherwise hold the loop, and
	 * every other connection on it, for as long as all of them take.
	 */
	private static final int FAN_OUT_BUDGET = 65_536;

	/** The connection whose input the current event loop thread is decoding, charged for the fan-out it causes. */
	private static final FastThreadLocal<ChannelConnection> DECODING = new FastThreadLocal<>();

	/** What the handler's onOpen still waits for, one bit each: it runs once none is set. */

	/** Handler events queued with the messages, so that handlers see them in order. */
	private static final Object OPENED = new Object();

	private static final Object SHUTTING_DOWN = new Object();

	private static final long GRACEFUL_CLOSE_TIMEOUT_SECONDS = 5;

	/** A stamp not set: ticker time can be any long, even 0 or negative. */
	private static final long UNSET = Long.MIN_VALUE;

	final ConnectionManager manager;

	private final String id;

	private final Channel channel;

	private final @Nullable MessageDecoder<Object> decoder;

	final OutboundWriter outbound;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable ByteBuf cumulation;

	private final long openedMillis;

	private long openedNanos;

	private long lastReadNanos;

	private long bytesIn;

	private long messagesIn;

	private long handled;

	private long handlerNanos;

	int loopIndex = -1;

	boolean inReadBatch;

	private boolean decodedInBatch;

	private boolean pongInBatch;

	private boolean discarding;

	private volatile boolean draining;

	private volatile boolean closeWhenMailboxEmpty;

	private int readPauses;

	private boolean decodeScheduled;

	private int fanOutSpent;

	// Heartbeat state: the wheel links, and the stamps its deadlines are computed from.

	long wheelDue;

	@Nullable ChannelConnection wheelPrev;

	@Nullable ChannelConnection wheelNext;

	private long frameStartNanos = UNSET;

	private long unwritableSinceNanos = UNSET;

	private long lastPingNanos;

	private long lastPongNanos;

	private int pingsOutstanding;

	private volatile @Nullable CloseReason closeReason;

	/** Set before identity and group entries are removed at close, so late binds can undo themselves. */
	volatile boolean unregistered;

	volatile @Nullable String identity;

	volatile String[] groups = NO_GROUPS;

	private @Nullable Mailbox mailbox;

	private volatile @Nullable CompletableFuture<CloseReason> closeStage;

	// Security: readiness for the handler, the client behind a proxy, the TLS session and the message bucket.

	private boolean activated;

	private boolean handlerOpened;

	private volatile @Nullable PeerInfo peer;

	private @Nullable MessageRateGate rateGate;

	/** Whether handler time is only summed, per read batch, decoding included: handlers on the event loop. */
	private final boolean timedPerBatch;

	@SuppressWarnings("unchecked")
	ChannelConnection(ConnectionManager manager, String id, Channel channel) {
		this.manager = manager;
		this.id = id;
		this.channel = channel;
		this.openedMillis = System.currentTimeMillis();
		this.timedPerBatch = manager.handlerTimer == HandlerTimer.SUMS_ONLY && manager.handlerExecutor == null;
		MessageCodec<Object> encoder = (manager.codec instanceof MessageCodec<?> codec) ? (MessageCodec<Object>) codec
				: null;
		this.decoder = (encoder != null) ? encoder.newDecoder() : null;
		this.outbound = new OutboundWriter(this, channel, encoder);
	}

	// ---- Netty stage -------------------------------------------------------------------------------------------

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
		this.openedNanos = ticker().nanoTime();
		this.lastReadNanos = this.openedNanos;
		this.outbound.attach(ctx, this.openedNanos);
		this.lastPongNanos = this.openedNanos;
		this.lastPingNanos = this.openedNanos;
		MessageRateLimit rate = this.manager.messageRate;
		if (rate != null) {
			this.rateGate = new MessageRateGate(this, rate, this.openedNanos);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.manager.opened(this);
		HeartbeatWheel wheel = this.manager.wheelFor(this);
		if (wheel != null) {
			long deadline = checkDeadlines(this.openedNanos);
			if (deadline != 0) {
				wheel.schedule(this, deadline);
			}
		}
		this.activated = true;
		PeerInfo peer = this.peer;
		if (peer == null || peer.awaiting == 0) {
			openHandler();
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.inReadBatch = true;
		if (this.discarding) {
			ReferenceCountUtil.release(msg);
			return;
		}
		MessageDecoder<Object> decoder = this.decoder;
		if (decoder == null || !(msg instanceof ByteBuf in)) {
			this.messagesIn++;
			if (this.timedPerBatch) {
				long start = System.nanoTime();
				receive(msg);
				this.handled++;
				this.handlerNanos += System.nanoTime() - start;
			}
			else {
				receive(msg);
			}
			return;
		}
		this.bytesIn += in.readableBytes();
		ByteBuf pending = this.cumulation;
		this.cumulation = (pending != null) ? ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), pending, in)
				: in;
		decodeCumulation(decoder);
	}

	/**
	 * Decodes and hands on the messages buffered, until they run out or reads are paused for the message rate:
	 * what is left then waits in the buffer, undecoded, until the rate allows it.
	 */
	private void decodeCumulation(MessageDecoder<Object> decoder) {
		ByteBuf buffer = this.cumulation;
		if (buffer == null) {
			return;
		}
		long start = this.timedPerBatch ? System.nanoTime() : 0;
		long before = this.messagesIn;
		this.fanOutSpent = 0;
		DECODING.set(this);
		try {
			while (buffer.isReadable() && !this.discarding && (this.readPauses & HELD_BACK) == 0) {
				Object message = decoder.decode(buffer);
				if (message == null) {
					break;
				}
				this.messagesIn++;
				this.decodedInBatch = true;
				receive(message);
			}
		}
		catch (Throwable ex) {
			decodeFailed(ex);
		}
		finally {
			DECODING.set(null);
			releaseConsumedCumulation();
			if (this.timedPerBatch && this.messagesIn != before) {
				this.handled += this.messagesIn - before;
				this.handlerNanos += System.nanoTime() - start;
			}
		}
	}

	private void releaseConsumedCumulation() {
		ByteBuf buffer = this.cumulation;
		if (buffer == null) {
			return;
		}
		if (!buffer.isReadable() || this.discarding) {
			this.cumulation = null;
			buffer.release();
		}
		else if (buffer.readerIndex() > (buffer.capacity() >>> 1) && buffer.refCnt() == 1) {
			buffer.discardSomeReadBytes();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.inReadBatch = false;
		long now = ticker().nanoTime();
		this.lastReadNanos = now;
		MessageRateGate gate = this.rateGate;
		if (gate != null) {
			gate.refill(now);
		}
		if (this.pongInBatch) {
			this.pongInBatch = false;
			this.lastPongNanos = now;
			this.pingsOutstanding = 0;
		}
		trackFrameStart(now);
		if (this.outbound.isFlushPending()) {
			this.outbound.flush(now);
		}
		ctx.fireChannelReadComplete();
	}

	/**
	 * Notes when the frame now buffered began, for the frame deadline: a frame completed in this batch means the
	 * rest is the start of a new one.
	 */
	private void trackFrameStart(long now) {
		if (this.cumulation == null) {
			this.frameStartNanos = UNSET;
		}
		else if (this.frameStartNanos == UNSET || this.decodedInBatch) {
			this.frameStartNanos = now;
			long frameNanos = this.manager.frameTimeoutNanos;
			HeartbeatWheel wheel = (frameNanos > 0) ? this.manager.wheelFor(this) : null;
			if (wheel != null) {
				wheel.schedule(this, now + frameNanos);
			}
		}
		this.decodedInBatch = false;
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (!ctx.channel().isWritable()) {
			// Paused before the flush: the flush can make the channel writable again and fire the event for it
			// synchronously, inside this call. Pausing after it would then never be undone.
			pauseReading(PAUSED_UNWRITABLE);
			if (this.unwritableSinceNanos == UNSET) {
				long now = ticker().nanoTime();
				this.unwritableSinceNanos = now;
				long timeout = this.manager.unwritableTimeoutNanos;
				HeartbeatWheel wheel = (timeout > 0) ? this.manager.wheelFor(this) : null;
				if (wheel != null) {
					wheel.schedule(this, now + timeout);
				}
			}
			// Replies already produced must reach the socket, or the peer can never drain them.
			this.outbound.flushIfPending();
		}
		// The state, not the event, decides: the flush above may have changed it.
		if (ctx.channel().isWritable()) {
			this.unwritableSinceNanos = UNSET;
			resumeReading(PAUSED_UNWRITABLE);
			outboundDrained();
		}
		ctx.fireChannelWritabilityChanged();
	}

	// ---- deadlines ---------------------------------------------------------------------------------------------

	/**
	 * Closes or pings this connection if one of its deadlines has passed; called by the wheel when its slot is
	 * due. Deadlines are computed from stamps the I/O path writes as plain fields.
	 * @return the next deadline in ticker nanoseconds, or 0 if there is none
	 */
	long checkDeadlines(long now) {
		if (this.discarding || this.closeReason != null || !this.channel.isActive()) {
			return 0;
		}
		ConnectionManager manager = this.manager;
		long next = Long.MAX_VALUE;
		if (manager.firstMessageTimeoutNanos > 0 && this.bytesIn == 0 && this.messagesIn == 0) {
			long deadline = this.openedNanos + manager.firstMessageTimeoutNanos;
			if (now - deadline >= 0) {
				return expire(CloseReason.FIRST_MESSAGE_TIMEOUT);
			}
			next = deadline;
		}
		// Bytes we hold back are not the peer's delay, nor is a quiet socket while we do not read.
		boolean heldBack = (this.readPauses & HELD_BACK) != 0;
		if (manager.frameTimeoutNanos > 0 && this.frameStartNanos != UNSET && !heldBack) {
			long deadline = this.frameStartNanos + manager.frameTimeoutNanos;
			if (now - deadline >= 0) {
				return expire(CloseReason.FRAME_TIMEOUT);
			}
			next = Math.min(next, deadline);
		}
		// A peer draining what we write is alive, even while it has nothing to say.
		long outputProgress = this.outbound.observeProgress(now);
		if (manager.readIdleTimeoutNanos > 0) {
			long deadline = (heldBack ? now : Math.max(this.lastReadNanos, outputProgress))
					+ manager.readIdleTimeoutNanos;
			if (now - deadline >= 0) {
				return expire(CloseReason.IDLE_TIMEOUT);
			}
			next = Math.min(next, deadline);
		}
		if (manager.unwritableTimeoutNanos > 0 && this.unwritableSinceNanos != UNSET) {
			// A slow reader that keeps draining is not stuck: the time counts from its last progress.
			long deadline = Math.max(this.unwritableSinceNanos, outputProgress) + manager.unwritableTimeoutNanos;
			if (now - deadline >= 0) {
				return expire(CloseReason.SLOW_CONSUMER);
			}
			next = Math.min(next, deadline);
		}
		if (manager.pingIntervalNanos > 0) {
			long deadline = pingDeadline(now);
			if (deadline == 0) {
				return 0;
			}
			next = Math.min(next, deadline);
		}
		return (next == Long.MAX_VALUE) ? 0 : next;
	}

	private long pingDeadline(long now) {
		ConnectionManager manager = this.manager;
		long alive = manager.heartbeat.pongRequired() ? this.lastPongNanos
				: Math.max(this.lastReadNanos, this.lastPongNanos);
		if (!manager.heartbeat.pongRequired() && this.lastReadNanos - this.lastPingNanos > 0) {
			this.pingsOutstanding = 0;
		}
		long quietSince = (this.pingsOutstanding == 0) ? alive : this.lastPingNanos;
		long deadline = quietSince + manager.pingIntervalNanos;
		if (now - deadline < 0) {
			return deadline;
		}
		if (this.pingsOutstanding >= manager.heartbeat.maxMissedPings()) {
			return expire(CloseReason.HEARTBEAT_TIMEOUT);
		}
		HeartbeatMessages<Object> messages = manager.heartbeatMessages;
		if (messages != null) {
			this.pingsOutstanding++;
			this.lastPingNanos = now;
			manager.stats.recordPingSent();
			this.outbound.write(messages.ping(), null);
		}
		return now + manager.pingIntervalNanos;
	}

	private long expire(CloseReason reason) {
		logger.debug("Closing connection {} from {} on socket server '{}': {}", this.id, remoteAddress(), serverName(),
				reason);
		closeNow(reason);
		return 0;
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		CLOSE_REASON.compareAndSet(this, null, CloseReason.PEER_CLOSED);
		CloseReason reason = closeReasonOrPeerClosed();
		this.discarding = true;
		ByteBuf buffer = this.cumulation;
		if (buffer != null) {
			this.cumulation = null;
			buffer.release();
		}
		this.outbound.discardBatch();
		this.outbound.drainCrossThreadWrites();
		outboundDrained();
		HeartbeatWheel wheel = this.manager.wheelFor(this);
		if (wheel != null) {
			wheel.remove(this);
		}
		this.manager.closed(this, reason);
		if (this.handlerOpened) {
			dispatch(new Closed(reason));
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
				peerFinishedSending();
			}
		}
		else if (evt instanceof SslHandshakeCompletionEvent handshake) {
			if (handshake.isSuccess()) {
				handshakeSucceeded();
			}
			else {
				handshakeFailed(handshake.cause());
			}
		}
		ctx.fireUserEventTriggered(evt);
	}

	/**
	 * The peer half-closed (as {@code nc -N} does): reply to everything it sent, then close. Closing at once would
	 * drop replies still in flight, which io_uring has not even submitted yet, or still with the handler.
	 */
	private void peerFinishedSending() {
		Mailbox box = this.mailbox;
		if (box != null && !box.isEmpty()) {
			this.closeWhenMailboxEmpty = true;
			// The mailbox may have emptied while the flag was set: then nobody else will see it.
			if (!box.isEmpty()) {
				return;
			}
		}
		if (CLOSE_REASON.compareAndSet(this, null, CloseReason.PEER_CLOSED)) {
			closeAfterPendingWrites();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		Throwable problem = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause() : cause;
		if (problem instanceof HAProxyProtocolException) {
			proxyProtocolFailed("malformed PROXY header: " + problem.getMessage());
			return;
		}
		PeerInfo peer = this.peer;
		if (peer != null && peer.sslHandler != null && problem instanceof SSLException) {
			// A peer's TLS error (such as plain text on the TLS port): expected from scanners and broken clients,
			// not a failure of ours, so no stack trace.
			if (peer.sslSession == null) {
				handshakeFailed(problem);
			}
			else {
				logger.debug("TLS of connection {} of socket server '{}' failed: {}", this.id, serverName(),
						problem.toString());
				closeNow(CloseReason.IO_ERROR);
			}
			this.channel.close();
			return;
		}
		if (cause instanceof DecoderException) {
			// A codec made of Netty handlers refused the input: the same reaction as to inline decode errors.
			decodeFailed(problem);
			return;
		}
		if (cause instanceof IOException) {
			logger.debug("Connection {} of socket server '{}' failed: {}", this.id, serverName(), cause.toString());
		}
		else {
			logger.warn("Connection {} of socket server '{}' failed", this.id, serverName(), cause);
		}
		closeNow(CloseReason.IO_ERROR);
	}

	// ---- inbound -----------------------------------------------------------------------------------------------

	/**
	 * Answers or notes heartbeat messages, and hands everything else to the handler.
	 */
	private void receive(Object message) {
		MessageRateGate gate = this.rateGate;
		if (gate != null && !gate.admit(message)) {
			return;
		}
		if (!this.handlerOpened) {
			// TLS and PROXY events precede the first message; should one be missed, the handler still opens first.
			openHandler();
		}
		HeartbeatMessages<Object> heartbeat = this.manager.heartbeatMessages;
		if (heartbeat != null) {
			if (this.manager.pingIntervalNanos > 0 && heartbeat.isPong(message)) {
				this.pongInBatch = true;
				this.manager.stats.recordPongReceived();
				if (!this.manager.heartbeat.deliverPings()) {
					ReferenceCountUtil.release(message);
					return;
				}
			}
			else if (this.manager.heartbeat.answerPings() && heartbeat.isPing(message)) {
				this.manager.stats.recordPingAnswered();
				if (!this.manager.heartbeat.deliverPings()) {
					Object pong = heartbeat.pong(message);
					ReferenceCountUtil.release(message);
					this.outbound.write(pong, null);
					return;
				}
				this.outbound.write(heartbeat.pong(message), null);
			}
		}
		dispatch(message);
	}

	/**
	 * Hands a message or event to the handler: at once on the event loop, or through the mailbox to the handler
	 * executor.
	 */
	private void dispatch(Object item) {
		java.util.concurrent.Executor executor = this.manager.handlerExecutor;
		if (executor == null) {
			invoke(item);
			return;
		}
		Mailbox box = this.mailbox;
		if (box == null) {
			box = new Mailbox(this, executor, this.manager.mailboxCapacity);
			this.mailbox = box;
		}
		box.add(item);
	}

	/**
	 * Charges the connection being decoded on this thread, if any, for sending to some recipients; past its budget
	 * it stops decoding until the event loop has served the others.
	 */
	static void chargeFanOut(int recipients) {
		ChannelConnection sender = DECODING.getIfExists();
		if (sender == null) {
			return;
		}
		sender.fanOutSpent += recipients;
		if (sender.fanOutSpent > FAN_OUT_BUDGET && (sender.readPauses & PAUSED_YIELD) == 0) {
			sender.pauseReading(PAUSED_YIELD);
			// After this iteration's tasks: the decoding resumed by it runs only after the next I/O, so the other
			// connections of the loop are read (and answered) between two turns of the sender.
			Runnable resume = () -> sender.resumeReading(PAUSED_YIELD);
			if (sender.channel.eventLoop() instanceof SingleThreadEventLoop loop) {
				loop.executeAfterEventLoopIteration(resume);
			}
			else {
				sender.channel.eventLoop().execute(resume);
			}
		}
	}

	/**
	 * Returns whether a mailbox item is a handler event rather than a message.
	 */
	static boolean isEvent(Object item) {
		return item == OPENED || item == SHUTTING_DOWN || item instanceof Closed;
	}

	/**
	 * Calls the handler for one message or event; on the event loop or on a handler thread, one at a time.
	 */
	void invoke(Object item) {
		SocketHandler<Object> handler = this.manager.handler;
		if (item == OPENED) {
			try {
				handler.onOpen(this);
			}
			catch (Throwable ex) {
				handlerFailed(ex);
			}
		}
		else if (item == SHUTTING_DOWN) {
			try {
				handler.onShutdown(this);
			}
			catch (Throwable ex) {
				logger.warn("Handler of socket server '{}' failed in onShutdown of connection {}", serverName(),
						this.id, ex);
			}
		}
		else if (item instanceof Closed closed) {
			try {
				handler.onClose(this, closed.reason());
			}
			catch (Throwable ex) {
				logger.warn("Handler of socket server '{}' failed in onClose of connection {}", serverName(), this.id,
						ex);
			}
		}
		else {
			invokeOnMessage(handler, item);
		}
	}

	private void invokeOnMessage(SocketHandler<Object> handler, Object message) {
		// Sums alone are taken once per read batch (see decodeCumulation): two clock reads per message would cost
		// more than many handlers.
		HandlerTimer timer = this.timedPerBatch ? null : this.manager.handlerTimer;
		long start = (timer != null) ? System.nanoTime() : 0;
		try {
			handler.onMessage(this, message);
		}
		catch (Throwable ex) {
			handlerFailed(ex);
		}
		finally {
			ReferenceCountUtil.release(message);
			if (timer != null) {
				long nanos = System.nanoTime() - start;
				this.handled++;
				this.handlerNanos += nanos;
				timer.record(nanos);
			}
		}
	}

	/**
	 * Returns whether replies may be produced without queueing past the write-buffer high water mark; a closed
	 * connection has room, for its replies fail at once.
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

	/**
	 * Called by the mailbox when it has run empty, on the handler thread.
	 */
	void mailboxEmptied() {
		if (this.closeWhenMailboxEmpty) {
			try {
				this.channel.eventLoop().execute(this::peerFinishedSending);
			}
			catch (RejectedExecutionException ex) {
				this.channel.close();
			}
		}
		else if (this.draining) {
			try {
				this.channel.eventLoop().execute(this::finishDrainIfIdle);
			}
			catch (RejectedExecutionException ex) {
				this.channel.close();
			}
		}
	}

	private void decodeFailed(Throwable ex) {
		if (this.discarding && this.closeReason != null) {
			return;
		}
		this.discarding = true;
		CloseReason reason = (ex instanceof TooLongFrameException) ? CloseReason.FRAME_TOO_LARGE
				: CloseReason.DECODE_ERROR;
		this.manager.stats.recordDecodeError();
		this.manager.protectionLog.closed(this, reason, String.valueOf(ex.getMessage()));
		// Replies to the well-formed messages before the bad one still go out.
		this.outbound.flushIfPending();
		closeNow(reason);
	}

	@Override
	public void handlerFailed(Throwable ex) {
		this.manager.stats.recordHandlerError();
		logger.warn("Handler of socket server '{}' failed on connection {}", serverName(), this.id, ex);
		try {
			this.manager.handler.onError(this, ex);
		}
		catch (Throwable secondary) {
			logger.warn("Handler of socket server '{}' failed in onError of connection {}", serverName(), this.id,
					secondary);
		}
		if (this.manager.limits.handlerErrorPolicy() == HandlerErrorPolicy.CLOSE) {
			if (this.channel.eventLoop().inEventLoop()) {
				this.outbound.flushIfPending();
				closeNow(CloseReason.HANDLER_ERROR);
			}
			else {
				// Replies the handler sent before it failed are queued for the loop: let them out first.
				try {
					this.channel.eventLoop().execute(() -> {
						this.outbound.drainCrossThreadWrites();
						this.outbound.flushIfPending();
						closeNow(CloseReason.HANDLER_ERROR);
					});
				}
				catch (RejectedExecutionException rejected) {
					closeNow(CloseReason.HANDLER_ERROR);
				}
			}
		}
	}

	void pauseReading(int cause) {
		int before = this.readPauses;
		this.readPauses = before | cause;
		if (before == 0) {
			this.channel.config().setAutoRead(false);
		}
	}

	void resumeReading(int cause) {
		int before = this.readPauses;
		int after = before & ~cause;
		this.readPauses = after;
		if (before != 0 && after == 0 && this.channel.isActive()) {
			this.channel.config().setAutoRead(true);
		}
		if ((before & HELD_BACK) != 0 && (after & HELD_BACK) == 0 && this.cumulation != null
				&& !this.decodeScheduled) {
			// Possibly called from deep inside a decode (a flush that made the channel writable again): decode what
			// was held back on a task of its own, never re-entrantly.
			this.decodeScheduled = true;
			this.channel.eventLoop().execute(this::decodeHeldBack);
		}
	}

	/**
	 * Decodes input that waited in the buffer while reading was held back; frames read before come first, and no
	 * new read can run before this task ends.
	 */
	private void decodeHeldBack() {
		this.decodeScheduled = false;
		MessageDecoder<Object> decoder = this.decoder;
		if (decoder == null || this.cumulation == null || !isReading()) {
			return;
		}
		this.inReadBatch = true;
		decodeCumulation(decoder);
		this.inReadBatch = false;
		trackFrameStart(now());
		this.outbound.flushIfPending();
	}

	// ---- readiness, TLS and PROXY protocol ---------------------------------------------------------------------

	/**
	 * Makes the handler's onOpen wait for the TLS handshake, so that it sees the client certificate; called by
	 * the initializer before the channel is active.
	 */
	void awaitHandshake(SslHandler handler) {
		PeerInfo peer = peerInfo();
		peer.sslHandler = handler;
		peer.awaiting |= PeerInfo.AWAIT_TLS;
	}

	/**
	 * Makes the handler's onOpen wait for the PROXY header of a trusted proxy, so that it sees the client's
	 * address; called by the initializer before the channel is active.
	 */
	void awaitProxyHeader() {
		peerInfo().awaiting |= PeerInfo.AWAIT_PROXY;
	}

	private PeerInfo peerInfo() {
		PeerInfo peer = this.peer;
		if (peer == null) {
			peer = new PeerInfo();
			this.peer = peer;
		}
		return peer;
	}

	private void ready(int condition) {
		PeerInfo peer = peerInfo();
		peer.awaiting &= ~condition;
		if (peer.awaiting == 0 && this.activated && !this.handlerOpened && this.closeReason == null
				&& this.channel.isActive()) {
			openHandler();
		}
	}

	private void openHandler() {
		this.handlerOpened = true;
		dispatch(OPENED);
	}

	private void handshakeSucceeded() {
		PeerInfo peer = this.peer;
		SslHandler handler = (peer != null) ? peer.sslHandler : null;
		if (peer == null || handler == null) {
			return;
		}
		peer.handshook(handler.engine().getSession());
		ready(PeerInfo.AWAIT_TLS);
	}

	private void handshakeFailed(Throwable cause) {
		if (cause instanceof ClosedChannelException) {
			// The peer left before finishing, as TCP health checks do: nothing failed.
			CLOSE_REASON.compareAndSet(this, null, CloseReason.PEER_CLOSED);
			return;
		}
		if (CLOSE_REASON.compareAndSet(this, null, CloseReason.TLS_HANDSHAKE_FAILED)) {
			this.manager.protectionLog.closed(this, CloseReason.TLS_HANDSHAKE_FAILED,
					String.valueOf(cause.getMessage()));
		}
		this.channel.close();
	}

	/**
	 * Records what the PROXY protocol stage found, and opens the handler if nothing else is awaited.
	 * @param client the client named by a trusted proxy's header, or {@code null} to keep the socket address
	 */
	void proxyResolved(@Nullable InetSocketAddress client) {
		if (client != null) {
			peerInfo().proxiedRemote = client;
		}
		ready(PeerInfo.AWAIT_PROXY);
	}

	void proxyProtocolFailed(String detail) {
		if (this.closeReason == null) {
			this.manager.protectionLog.closed(this, CloseReason.PROXY_PROTOCOL_ERROR, detail);
		}
		closeNow(CloseReason.PROXY_PROTOCOL_ERROR);
	}

	// ---- message rate ------------------------------------------------------------------------------------------

	long now() {
		return ticker().nanoTime();
	}

	/**
	 * Returns whether this connection still reads and decodes input.
	 */
	boolean isReading() {
		return !this.discarding && this.channel.isActive();
	}

	void closeAsRateLimited(Object message, String detail) {
		ReferenceCountUtil.release(message);
		this.discarding = true;
		if (this.closeReason == null) {
			this.manager.protectionLog.closed(this, CloseReason.RATE_LIMITED, detail);
		}
		// Replies to the messages within the limit still go out.
		this.outbound.flushIfPending();
		closeNow(CloseReason.RATE_LIMITED);
	}

	/**
	 * Stops reading until the message rate allows it again.
	 * @return whether reading was not paused for the rate already, so a resume must be scheduled
	 */
	boolean pauseForRate() {
		if ((this.readPauses & PAUSED_RATE) != 0) {
			return false;
		}
		pauseReading(PAUSED_RATE);
		this.manager.stats.recordRatePause();
		return true;
	}

	void resumeAfterRatePause(long now) {
		// The pause was ours, not the peer's: it was neither idle nor slow to complete a frame.
		this.lastReadNanos = now;
		this.frameStartNanos = UNSET;
		resumeReading(PAUSED_RATE);
	}

	// ---- outbound ----------------------------------------------------------------------------------------------

	@Override
	public CompletionStage<Void> send(Object message) {
		return this.outbound.send(message);
	}

	@Override
	public boolean offer(Object message) {
		return this.outbound.write(message, null);
	}

	// ---- graceful shutdown -------------------------------------------------------------------------------------

	/**
	 * Starts this connection's part of a graceful shutdown, on its event loop: stop reading, say goodbye, finish
	 * what was received, flush the replies, then half-close so the peer reads everything before seeing the end.
	 */
	void beginDrain() {
		if (this.draining || !this.channel.isActive() || this.closeReason != null) {
			return;
		}
		if (!this.handlerOpened) {
			// Still in its TLS handshake or before its PROXY header: nothing of the application's to finish.
			closeNow(CloseReason.SERVER_SHUTDOWN);
			return;
		}
		this.draining = true;
		pauseReading(PAUSED_DRAINING);
		dispatch(SHUTTING_DOWN);
		finishDrainIfIdle();
	}

	private void finishDrainIfIdle() {
		Mailbox box = this.mailbox;
		if (!this.draining || (box != null && !box.isEmpty())
				|| !CLOSE_REASON.compareAndSet(this, null, CloseReason.SERVER_SHUTDOWN)) {
			return;
		}
		this.outbound.drainCrossThreadWrites();
		this.outbound.flushIfPending();
		this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((future) -> {
			if (this.channel instanceof DuplexChannel duplex && future.isSuccess()) {
				PeerInfo peer = this.peer;
				SslHandler ssl = (peer != null) ? peer.sslHandler : null;
				if (ssl != null) {
					// close_notify before FIN, so that the peer can tell a finished stream from a truncated one.
					ssl.closeOutbound().addListener((closed) -> halfClose(duplex));
				}
				else {
					halfClose(duplex);
				}
			}
			else {
				this.channel.close();
			}
		});
	}

	/**
	 * Sends FIN after the last reply, then keeps reading (and discarding) until the peer closes too, so that the
	 * final close leaves no unread bytes behind, which would turn it into a reset.
	 */
	private void halfClose(DuplexChannel duplex) {
		duplex.shutdownOutput();
		this.discarding = true;
		resumeReading(PAUSED_DRAINING);
		// A peer that never closes its side (nc with its input still open) is given a few seconds to read what was
		// sent, as nginx's lingering close does, not the whole grace period.
		closeAtTheLatestIn(GRACEFUL_CLOSE_TIMEOUT_SECONDS);
	}

	/**
	 * Closes at once whatever the state, for the end of a grace period.
	 */
	void abort(CloseReason reason) {
		CLOSE_REASON.compareAndSet(this, null, reason);
		this.channel.close();
	}

	// ---- close -------------------------------------------------------------------------------------------------

	@Override
	public void close(CloseReason reason) {
		if (!CLOSE_REASON.compareAndSet(this, null, reason)) {
			return;
		}
		if (reason == CloseReason.CLOSED_BY_APPLICATION || reason == CloseReason.SERVER_SHUTDOWN
				|| reason == CloseReason.CLOSED_BY_ADMIN) {
			closeAfterPendingWrites();
		}
		else {
			this.channel.close();
		}
	}

	/**
	 * Closes at once with a protective reason, dropping whatever is still queued.
	 */
	void closeNow(CloseReason reason) {
		if (CLOSE_REASON.compareAndSet(this, null, reason)) {
			this.channel.close();
		}
	}

	private void closeAfterPendingWrites() {
		if (!this.channel.eventLoop().inEventLoop()) {
			try {
				this.channel.eventLoop().execute(this::closeAfterPendingWrites);
			}
			catch (RejectedExecutionException ex) {
				this.channel.close();
			}
			return;
		}
		this.outbound.drainCrossThreadWrites();
		this.outbound.flushIfPending();
		ChannelOutboundBuffer outbound = this.channel.unsafe().outboundBuffer();
		if (outbound == null || outbound.totalPendingWriteBytes() == 0) {
			this.channel.close();
			return;
		}
		// A peer that stopped reading would hold the connection open forever: bound the wait.
		closeAtTheLatestIn(GRACEFUL_CLOSE_TIMEOUT_SECONDS);
		this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	/**
	 * Bounds a graceful close; the timer goes away with the channel, so closes that finish early leave none.
	 */
	private void closeAtTheLatestIn(long seconds) {
		ScheduledFuture<?> timeout = this.channel.eventLoop().schedule(() -> this.channel.close(), seconds,
				TimeUnit.SECONDS);
		this.channel.closeFuture().addListener((future) -> timeout.cancel(false));
	}

	private CloseReason closeReasonOrPeerClosed() {
		CloseReason reason = this.closeReason;
		return (reason != null) ? reason : CloseReason.PEER_CLOSED;
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

	/**
	 * Returns whether a close was requested, whether or not the channel has closed yet.
	 */
	boolean isClosing() {
		return this.closeReason != null;
	}

	@Override
	public boolean isOpen() {
		return this.channel.isActive() && this.closeReason == null;
	}

	// ---- state -------------------------------------------------------------------------------------------------

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String serverName() {
		return this.manager.serverName;
	}

	@Override
	public SocketAddress remoteAddress() {
		PeerInfo peer = this.peer;
		SocketAddress proxied = (peer != null) ? peer.proxiedRemote : null;
		if (proxied != null) {
			return proxied;
		}
		SocketAddress address = this.channel.remoteAddress();
		return (address != null) ? address : this.manager.unknownAddress;
	}

	@Override
	public SocketAddress localAddress() {
		SocketAddress address = this.channel.localAddress();
		return (address != null) ? address : this.manager.unknownAddress;
	}

	@Override
	public Transport transport() {
		return this.manager.transport;
	}

	@Override
	public @Nullable SSLSession sslSession() {
		PeerInfo peer = this.peer;
		return (peer != null) ? peer.sslSession : null;
	}

	@Override
	public @Nullable X509Certificate peerCertificate() {
		PeerInfo peer = this.peer;
		return (peer != null) ? peer.peerCertificate : null;
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

	long lastReadNanos() {
		return this.lastReadNanos;
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

	void countReceived(int bytes) {
		this.bytesIn += bytes;
	}

	void countSent(int bytes) {
		this.outbound.countSent(bytes);
	}

	long handlerInvocations() {
		return this.handled;
	}

	long handlerNanos() {
		return this.handlerNanos;
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
		this.manager.bindIdentity(this, identity);
	}

	@Override
	public void unbindIdentity() {
		this.manager.unbindIdentity(this);
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
		this.manager.join(this, group);
	}

	@Override
	public void leave(String group) {
		this.manager.leave(this, group);
	}

	@Override
	public <T> @Nullable T attribute(ConnectionAttribute<T> attribute) {
		return this.channel.hasAttr(attribute.key()) ? this.channel.attr(attribute.key()).get() : null;
	}

	@Override
	public <T> void setAttribute(ConnectionAttribute<T> attribute, @Nullable T value) {
		if (value == null) {
			if (this.channel.hasAttr(attribute.key())) {
				this.channel.attr(attribute.key()).set(null);
			}
		}
		else {
			this.channel.attr(attribute.key()).set(value);
		}
	}

	@Override
	public Channel channel() {
		return this.channel;
	}

	private Ticker ticker() {
		ChannelHandlerContext ctx = this.ctx;
		return (ctx != null) ? ctx.executor().ticker() : Ticker.systemTicker();
	}

	@Override
	public String toString() {
		return "Connection " + this.id + " from " + remoteAddress() + " on '" + serverName() + "'";
	}

	@Override
	public boolean isSharable() {
		return false;
	}

	/**
	 * The handler event of a closed connection.
	 */
	private record Closed(CloseReason reason) {
	}

}
