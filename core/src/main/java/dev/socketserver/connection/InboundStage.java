package dev.socketserver.connection;

import dev.socketserver.access.MessageRateGate;
import dev.socketserver.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The inbound half of a connection's stage, as {@link ByteToMessageDecoder} is for Netty's decoders: gathers
 * the bytes read, decodes them into messages with the codec's decoder and hands each to {@link #receive}.
 * Decoding stops whenever the server holds the connection's input back (its replies back up, its mailbox is
 * full, its message rate is used up, its fan-out used up its share of the loop, its authentication is pending);
 * what is buffered then waits, undecoded, and is decoded on a task of its own when the last pause ends. Confined
 * to the event loop.
 * <p>
 * Its subclass is the connection: one object per connection, split by concern into classes.
 */
abstract class InboundStage extends ChannelDuplexHandler implements MessageRateGate.Owner {

	/** Why reads are paused, one bit each; reads run only while no bit is set. */
	static final int PAUSED_UNWRITABLE = 1;

	static final int PAUSED_DRAINING = 2;

	static final int PAUSED_MAILBOX = 4;

	static final int PAUSED_RATE = 8;

	/** Its fan-out used up this turn's share of the event loop: the others get a turn first. */
	static final int PAUSED_YIELD = 16;

	/** An authentication decision is pending: nothing after the message it is about may be decoded yet. */
	static final int PAUSED_AUTHENTICATING = 32;

	/** Pauses of the server's own rather than the peer's. */
	private static final int HELD_BACK = PAUSED_UNWRITABLE | PAUSED_MAILBOX | PAUSED_RATE | PAUSED_YIELD
			| PAUSED_AUTHENTICATING;

	/**
	 * Recipients that the messages of one read may send to before the connection yields its event loop: a chat
	 * line to 2,000 members costs 2,000 writes, and a read of pipelined lines would otherwise hold the loop, and
	 * every other connection on it, for as long as all of them take.
	 */
	private static final int FAN_OUT_BUDGET = 65_536;

	/** The connection whose input the current event loop thread is decoding, charged for the fan-out it causes. */
	private static final FastThreadLocal<InboundStage> DECODING = new FastThreadLocal<>();

	final ServerRuntime runtime;

	/** The connection's channel, for the stage and the connection above too. */
	final Channel channel;

	/** The codec's decoder; wrapped while a {@link FrameListener} taps the connection. */
	private @Nullable MessageDecoder<Object> decoder;

	/** Whether handler time is summed per read batch, decoding included (handlers on the event loop). */
	private final boolean timedPerBatch;

	@Nullable ChannelHandlerContext ctx;

	private @Nullable ByteBuf cumulation;

	private int readPauses;

	private int fanOutSpent;

	private boolean decodeScheduled;

	/** Whether a frame completed since the last read batch ended. */
	boolean decodedInBatch;

	/** Whether input is thrown away: the connection is closing or failed to decode. */
	boolean discarding;

	boolean inReadBatch;

	long lastReadNanos;

	long bytesIn;

	long messagesIn;

	long handled;

	long handlerNanos;

	InboundStage(ServerRuntime runtime, Channel channel) {
		this.runtime = runtime;
		this.channel = channel;
		this.decoder = (runtime.messageCodec != null) ? runtime.messageCodec.newDecoder() : null;
		this.timedPerBatch = runtime.timedPerBatch;
	}

	/**
	 * Wraps the decoder to report each frame to a listener, or unwraps it; on the event loop.
	 */
	final void tapInbound(@Nullable FrameListener listener) {
		MessageDecoder<Object> current = this.decoder;
		if (current == null) {
			return;
		}
		MessageDecoder<Object> plain = (current instanceof FrameTaps.TappedDecoder tapped) ? tapped.delegate
				: current;
		this.decoder = (listener != null) ? new FrameTaps.TappedDecoder(plain, listener) : plain;
	}

	/**
	 * Takes one decoded message (or, for codecs made of Netty handlers, one message those decoded).
	 */
	abstract void receive(Object message);

	/**
	 * Reacts to input the decoder refused.
	 */
	abstract void decodeFailed(Throwable ex);

	/**
	 * Called after input that was held back has been decoded, outside a read batch.
	 */
	abstract void heldBackDecoded();

	/**
	 * Forgets the frame being received: a pause of the server's own ended.
	 */
	abstract void frameReset();

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.inReadBatch = true;
		if (this.discarding) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (this.decoder == null || !(msg instanceof ByteBuf in)) {
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
		decodeCumulation();
	}

	/**
	 * Decodes and hands on the messages buffered, until they run out or the input is held back.
	 */
	private void decodeCumulation() {
		ByteBuf buffer = this.cumulation;
		MessageDecoder<Object> decoder = this.decoder;
		if (buffer == null || decoder == null) {
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

	/**
	 * Releases buffered input and throws away what arrives from now on.
	 */
	final void discardInput() {
		this.discarding = true;
		ByteBuf buffer = this.cumulation;
		if (buffer != null) {
			this.cumulation = null;
			buffer.release();
		}
	}

	/**
	 * Returns whether part of a frame waits in the buffer.
	 */
	final boolean hasBufferedInput() {
		return this.cumulation != null;
	}

	/**
	 * Returns whether this connection still reads and decodes input.
	 * @return whether it reads
	 */
	public final boolean isReading() {
		return !this.discarding && this.channel.isActive();
	}

	/**
	 * Returns whether the server holds this connection's input back.
	 * @return whether reading is paused by the server
	 */
	public final boolean isHeldBack() {
		return (this.readPauses & HELD_BACK) != 0;
	}

	final boolean isPaused(int cause) {
		return (this.readPauses & cause) != 0;
	}

	final void pauseReading(int cause) {
		int before = this.readPauses;
		this.readPauses = before | cause;
		if (before == 0) {
			this.channel.config().setAutoRead(false);
		}
	}

	final void resumeReading(int cause) {
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
	 * Decodes input that waited in the buffer while it was held back; frames read before come first, and no new
	 * read can run before this task ends.
	 */
	private void decodeHeldBack() {
		this.decodeScheduled = false;
		if (this.cumulation == null || !isReading()) {
			return;
		}
		this.inReadBatch = true;
		decodeCumulation();
		this.inReadBatch = false;
		heldBackDecoded();
	}

	@Override
	public final long now() {
		ChannelHandlerContext ctx = this.ctx;
		return ((ctx != null) ? ctx.executor().ticker() : Ticker.systemTicker()).nanoTime();
	}

	@Override
	public final EventExecutor eventLoop() {
		return this.channel.eventLoop();
	}

	@Override
	public final boolean pauseForRate() {
		if (isPaused(PAUSED_RATE)) {
			return false;
		}
		pauseReading(PAUSED_RATE);
		this.runtime.stats.recordRatePause();
		return true;
	}

	@Override
	public final void resumeAfterRatePause(long now) {
		// The pause was ours, not the peer's: it was neither idle nor slow to complete a frame.
		this.lastReadNanos = now;
		frameReset();
		resumeReading(PAUSED_RATE);
	}

	/**
	 * Charges the connection being decoded on this thread, if any, for sending to some recipients; past its budget
	 * it stops decoding until the event loop has served the others.
	 */
	static void chargeFanOut(int recipients) {
		InboundStage sender = DECODING.getIfExists();
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

}
