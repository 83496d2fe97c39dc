package dev.socketserver.connection;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.request.RequestPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound side of one connection: encodes messages into single buffers (all the replies of a read batch
 * into one), writes from the event loop or queues writes from other threads, flushes once per batch and applies
 * the slow-consumer policy. Fields without {@code volatile} belong to the event loop.
 */
final class OutboundWriter implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(OutboundWriter.class);

	private static final int BATCH_INITIAL_CAPACITY = 1024;

	/** Room for what a codec writes before a shared payload: a length field or a small header. */
	private static final int SHARED_HEAD_CAPACITY = 64;

	/** Larger replies get a buffer of their own: copying them into a growing batch would cost more than it saves. */
	private static final int BATCH_MESSAGE_LIMIT = 512;

	/** Batched replies beyond this go out at once, so that write-buffer water marks still see them. */
	private static final int BATCH_LIMIT = 64 * 1024;

	/** The largest capacity a batch starts with: larger buffers are not kept in the allocator's thread caches. */
	private static final int BATCH_MAX_INITIAL_CAPACITY = 32 * 1024;

	private final ConnectionStage connection;

	private final Channel channel;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable ByteBuf batch;

	/** The bytes of the last batch written: the next starts large enough for as much, not growing on the way. */
	private int lastBatchBytes;

	private boolean flushPending;

	long bytesOut;

	long messagesOut;

	long lastWriteNanos;

	/** When the peer was last seen draining what was written, for the idle and unwritable deadlines. */
	private long progressNanos;

	/** Which flushed write was at the head of the channel's buffer, and how far it was written, when last seen. */
	private int progressMark;

	private volatile @Nullable CrossThreadWrites crossThread;

	/** The server's encoder, or while tapped one that also reports to {@link #tap}; read on any thread. */
	private volatile @Nullable MessageCodec<Object> encoder;

	/** The listener tapping the connection, for the frames encoded elsewhere (broadcasts). */
	volatile @Nullable FrameListener tap;

	OutboundWriter(ConnectionStage connection, Channel channel) {
		this.connection = connection;
		this.channel = channel;
		this.encoder = connection.runtime.messageCodec;
	}

	/**
	 * Starts or stops reporting what is encoded to a listener.
	 */
	void tap(@Nullable FrameListener listener, MessageCodec<Object> encoder) {
		this.tap = listener;
		this.encoder = encoder;
	}

	void attach(ChannelHandlerContext ctx, long now) {
		this.ctx = ctx;
		this.lastWriteNanos = now;
		this.progressNanos = now;
	}

	/**
	 * Notes whether the socket took bytes of the flushed writes since the last look, as Netty's
	 * {@code IdleStateHandler} observes output; called on deadline checks only, so progress is known to within
	 * one check.
	 * @return when progress was last seen
	 */
	long observeProgress(long now) {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		Object head = (buffer != null) ? buffer.current() : null;
		// Nothing pending is mark 0: a buffer that emptied since the last look was drained, which is progress too.
		int mark = (head != null) ? System.identityHashCode(head) * 31 + (int) buffer.currentProgress() : 0;
		if (mark != this.progressMark) {
			this.progressMark = mark;
			this.progressNanos = now;
		}
		return this.progressNanos;
	}

	boolean isFlushPending() {
		return this.flushPending;
	}

	/**
	 * Returns the bytes waiting to be written: in the channel's outbound buffer and queued from other threads.
	 */
	long pendingBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return ((buffer != null) ? buffer.totalPendingWriteBytes() : 0) + queuedBytes();
	}

	/**
	 * Returns the bytes queued from other threads, not yet in the channel's buffer.
	 */
	long queuedBytes() {
		CrossThreadWrites queued = this.crossThread;
		return (queued != null) ? queued.bytes() : 0;
	}

	/**
	 * Releases a batch that will never be written: the connection has closed.
	 */
	void discardBatch() {
		ByteBuf unsent = this.batch;
		if (unsent != null) {
			this.batch = null;
			unsent.release();
		}
	}

	void countSent(int bytes) {
		this.bytesOut += bytes;
	}

	CompletionStage<Void> send(Object message) {
		SendFuture future = new SendFuture();
		write(message, future);
		return future;
	}

	boolean write(Object message, @Nullable SendFuture future) {
		if (this.connection.isClosing() || !this.channel.isActive()) {
			ReferenceCountUtil.release(message);
			fail(future, new ClosedChannelException());
			return false;
		}
		if (!admitOutbound(future)) {
			ReferenceCountUtil.release(message);
			return false;
		}
		Object outbound = message;
		MessageCodec<Object> encoder = this.encoder;
		boolean inLoop = this.channel.eventLoop().inEventLoop();
		if (inLoop) {
			catchUp();
		}
		if (encoder != null && future == null && inLoop) {
			int sizeHint = encoder.sizeHint(message);
			if (sizeHint <= BATCH_MESSAGE_LIMIT) {
				return encodeIntoBatch(encoder, message, sizeHint);
			}
			if (encoder.sharesPayload(message)) {
				Boolean shared = shareBehindBatch(encoder, message);
				if (shared != null) {
					return shared;
				}
			}
		}
		if (encoder != null) {
			try {
				outbound = encodeAlone(encoder, message);
			}
			catch (Throwable ex) {
				encodeFailed(message, ex, future);
				return false;
			}
			finally {
				ReferenceCountUtil.release(message);
			}
		}
		return writeOutbound(outbound, future);
	}

	/**
	 * Encodes a message into a buffer of its own, or into one that shares the message's memory where the codec
	 * can (large buffer payloads): the bytes of a 4 KiB echo then cross the server without a copy, as they do
	 * through a hand-written Netty pipeline.
	 */
	private ByteBuf encodeAlone(MessageCodec<Object> encoder, Object message) throws Exception {
		return encoder.sharesPayload(message) ? encodeAroundPayload(encoder, message) : encodeCopy(encoder, message);
	}

	private ByteBuf encodeAroundPayload(MessageCodec<Object> encoder, Object message) throws Exception {
		ByteBuf head = this.channel.alloc().ioBuffer(SHARED_HEAD_CAPACITY);
		ByteBuf rest;
		try {
			rest = encoder.encodeShared(message, head);
		}
		catch (Throwable ex) {
			head.release();
			throw ex;
		}
		if (rest != null) {
			if (!head.isReadable()) {
				head.release();
				return rest;
			}
			// One buffer, so that writes queued from several threads cannot come between a header and its payload.
			return this.channel.alloc().compositeBuffer(2).addComponents(true, head, rest);
		}
		head.release();
		return encodeCopy(encoder, message);
	}

	private ByteBuf encodeCopy(MessageCodec<Object> encoder, Object message) throws Exception {
		ByteBuf buffer = this.channel.alloc().ioBuffer(encoder.sizeHint(message));
		try {
			encoder.encode(message, buffer);
			return buffer;
		}
		catch (Throwable ex) {
			buffer.release();
			throw ex;
		}
	}

	/**
	 * Writes a large message from the loop around its own memory where the codec can: its header goes into the
	 * batch, which is written up to there, and the payload follows as a write of its own, as behind a hand-written
	 * pipeline's prepender. No other thread writes in between: their writes are queued for the loop.
	 * @return whether the message was written or failed, or {@code null} when the codec copies it
	 */
	private @Nullable Boolean shareBehindBatch(MessageCodec<Object> encoder, Object message) {
		ChannelHandlerContext ctx = this.ctx;
		if (ctx == null) {
			return null;
		}
		ByteBuf batch = batch(SHARED_HEAD_CAPACITY);
		int start = batch.writerIndex();
		ByteBuf rest;
		try {
			rest = encoder.encodeShared(message, batch);
		}
		catch (Throwable ex) {
			batch.writerIndex(start);
			encodeFailed(message, ex, null);
			ReferenceCountUtil.release(message);
			return Boolean.FALSE;
		}
		if (rest == null) {
			batch.writerIndex(start);
			return null;
		}
		ReferenceCountUtil.release(message);
		// The batch so far goes out as a slice, so that the next header can still share the batch's buffer. Every
		// flush retires the batch first, so it never grows (and moves) under a slice the socket has begun to write.
		int written = batch.readableBytes();
		if (written > 0) {
			ctx.write(batch.retainedSlice(batch.readerIndex(), written), ctx.voidPromise());
			batch.skipBytes(written);
		}
		this.bytesOut += batch.writerIndex() - start + rest.readableBytes();
		this.messagesOut++;
		ctx.write(rest, ctx.voidPromise());
		requestFlush();
		return Boolean.TRUE;
	}

	/**
	 * Encodes a small message into the batch's single buffer: one buffer, one write entry and one flush for all
	 * the replies to what one read brought (as Redis does), or for all the broadcasts a drain finds queued.
	 */
	private boolean encodeIntoBatch(MessageCodec<Object> encoder, Object message, int sizeHint) {
		ByteBuf batch = batch(sizeHint);
		int start = batch.writerIndex();
		try {
			encoder.encode(message, batch);
		}
		catch (Throwable ex) {
			batch.writerIndex(start);
			encodeFailed(message, ex, null);
			return false;
		}
		finally {
			ReferenceCountUtil.release(message);
		}
		this.bytesOut += batch.writerIndex() - start;
		this.messagesOut++;
		if (batch.readableBytes() >= BATCH_LIMIT) {
			writeBatch();
		}
		requestFlush();
		return true;
	}

	/**
	 * Copies small encoded bytes into the batch: cheaper than a write entry of their own (about a hundred bytes
	 * of bookkeeping each in the channel's buffer), as for replies sent from handler threads.
	 */
	private void copyIntoBatch(ByteBuf bytes) {
		int length = bytes.readableBytes();
		ByteBuf batch = batch(length);
		batch.writeBytes(bytes, bytes.readerIndex(), length);
		this.bytesOut += length;
		this.messagesOut++;
		if (batch.readableBytes() >= BATCH_LIMIT) {
			writeBatch();
		}
	}

	private ByteBuf batch(int sizeHint) {
		ByteBuf batch = this.batch;
		if (batch == null) {
			// A batch that grows is copied: 16 pipelined 64-byte echoes already outgrow the initial capacity.
			int last = this.lastBatchBytes;
			int capacity = (last < BATCH_INITIAL_CAPACITY) ? BATCH_INITIAL_CAPACITY
					: Math.min(BATCH_MAX_INITIAL_CAPACITY, Integer.highestOneBit(last) << 1);
			batch = this.channel.alloc().ioBuffer(Math.max(capacity, sizeHint));
			this.batch = batch;
		}
		return batch;
	}

	/**
	 * Hands the batch of encoded replies to the pipeline; before any other write, so that order is kept.
	 */
	void writeBatch() {
		ByteBuf batch = this.batch;
		ChannelHandlerContext ctx = this.ctx;
		if (batch != null && ctx != null) {
			this.batch = null;
			if (!batch.isReadable()) {
				// Its bytes went out as slices ahead of shared payloads.
				batch.release();
				return;
			}
			this.lastBatchBytes = batch.readableBytes();
			ctx.write(batch, ctx.voidPromise());
		}
	}

	/**
	 * Writes a message that is already encoded (or that the pipeline's codec encodes), from any thread.
	 */
	boolean writeOutbound(Object outbound, @Nullable SendFuture future) {
		if (this.channel.eventLoop().inEventLoop()) {
			catchUp();
			writeInLoop(outbound, future);
			return true;
		}
		return crossThread().add(outbound, future);
	}

	/**
	 * Queues a request made off the loop behind the writes made before it; see {@link CrossThreadWrites}.
	 */
	boolean queueRequest(RequestPolicy policy, Object message, CompletableFuture<Object> reply, Duration timeout) {
		return crossThread().addRequest(policy, message, reply, timeout);
	}

	private CrossThreadWrites crossThread() {
		CrossThreadWrites queued = this.crossThread;
		if (queued == null) {
			synchronized (this) {
				queued = this.crossThread;
				if (queued == null) {
					queued = new CrossThreadWrites(this, this.connection, this.channel);
					this.crossThread = queued;
				}
			}
		}
		return queued;
	}

	void writeInLoop(Object outbound, @Nullable SendFuture future) {
		ChannelHandlerContext ctx = this.ctx;
		if (ctx == null || !this.channel.isActive()) {
			ReferenceCountUtil.release(outbound);
			fail(future, new ClosedChannelException());
			return;
		}
		// Only bytes of its own: a broadcast's bytes are shared by every recipient, and a copy per recipient would
		// multiply the memory a room's backlog takes.
		if (future == null && outbound instanceof ByteBuf bytes && bytes.readableBytes() <= BATCH_MESSAGE_LIMIT
				&& bytes.refCnt() == 1) {
			copyIntoBatch(bytes);
			bytes.release();
		}
		else {
			if (this.batch != null) {
				writeBatch();
			}
			if (outbound instanceof ByteBuf buffer) {
				this.bytesOut += buffer.readableBytes();
			}
			this.messagesOut++;
			ChannelPromise promise = (future != null) ? ctx.newPromise().addListener(future) : ctx.voidPromise();
			ctx.write(outbound, promise);
		}
		requestFlush();
	}

	/**
	 * Flushes on a task of its own: the writer is that task, so that an idle connection carries no object for it.
	 */
	@Override
	public void run() {
		flushIfPending();
	}

	/**
	 * Makes sure a flush follows: at the end of the read batch, or on a task of its own (one at a time).
	 */
	private void requestFlush() {
		if (!this.flushPending) {
			this.flushPending = true;
			if (!this.connection.inReadBatch) {
				this.channel.eventLoop().execute(this);
			}
		}
	}

	/**
	 * Writes what other threads queued before a write of the event loop's own: a reply sent by a stage's thread
	 * and then one sent by the loop, in that order (as a sequence of replies does), stay in that order.
	 */
	private void catchUp() {
		CrossThreadWrites queued = this.crossThread;
		if (queued != null && queued.isScheduled()) {
			queued.drain();
		}
	}

	void flushIfPending() {
		if (this.flushPending) {
			flush(this.connection.now());
		}
		else if (this.batch != null) {
			writeBatch();
		}
	}

	void flush(long now) {
		if (this.batch != null) {
			writeBatch();
		}
		this.flushPending = false;
		ChannelHandlerContext ctx = this.ctx;
		if (ctx != null) {
			this.lastWriteNanos = now;
			ctx.flush();
		}
	}

	/**
	 * Writes what other threads queued; on the event loop, before a close or a flush that must include it.
	 */
	void drainCrossThreadWrites() {
		CrossThreadWrites queued = this.crossThread;
		if (queued != null) {
			queued.drain();
		}
		if (this.channel.isWritable()) {
			this.connection.outboundDrained();
		}
	}

	/**
	 * Applies the slow-consumer policy before a message is queued.
	 */
	boolean admitOutbound(@Nullable SendFuture future) {
		ConnectionLimits limits = this.connection.runtime.limits;
		if (pendingBytes() <= limits.maxPendingOutboundBytes()) {
			return true;
		}
		if (limits.slowConsumerPolicy() == SlowConsumerPolicy.DROP) {
			this.connection.runtime.stats.recordDroppedMessage();
			fail(future, new MessageDroppedException(this.connection.id, pendingBytes()));
		}
		else {
			fail(future, new MessageDroppedException(this.connection.id, pendingBytes()));
			this.connection.closeForProtection(CloseReason.SLOW_CONSUMER, pendingBytes() + " bytes pending");
		}
		return false;
	}

	private void encodeFailed(Object message, Throwable ex, @Nullable SendFuture future) {
		if (future != null) {
			future.completeExceptionally(ex);
		}
		else {
			logger.warn("Could not encode a {} for connection {} of socket server '{}'",
					message.getClass().getName(), this.connection.id, this.connection.runtime.serverName, ex);
		}
	}

	static void fail(@Nullable SendFuture future, Throwable cause) {
		if (future != null) {
			future.completeExceptionally(cause);
		}
	}

}
