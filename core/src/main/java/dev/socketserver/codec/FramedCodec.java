package dev.socketserver.codec;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * {@link MessageCodec} composed of a {@link Framing} and a {@link PayloadCodec}.
 *
 * @param <T> the message type
 */
final class FramedCodec<T> implements MessageCodec<T> {

	/**
	 * Buffer payloads from this size on are written as they are, behind their header: below it, copying them costs
	 * less than a second entry in the socket's gathering write.
	 */
	static final int SHARE_THRESHOLD = 1024;

	private final Framing framing;

	private final PayloadCodec<T> payload;

	private final @Nullable MessageDecoder<T> sharedDecoder;

	/** Whether a buffer payload may be written as it is: the framing only adds bytes around it. */
	private final boolean sharesPayloads;

	FramedCodec(Framing framing, PayloadCodec<T> payload) {
		this.framing = Objects.requireNonNull(framing, "'framing' must not be null");
		this.payload = Objects.requireNonNull(payload, "'payload' must not be null");
		FrameDecoder first = framing.newDecoder();
		// A framing that hands out one instance keeps no state, so one decoder can serve every connection.
		this.sharedDecoder = (first == framing.newDecoder()) ? new FramedDecoder<>(first, payload) : null;
		// A header that is kept is part of the payload and has its length rewritten: sharing would write into the
		// handler's buffer. A framing of the application's own may do anything with the buffer.
		this.sharesPayloads = payload instanceof BufferPayloadCodec
				&& ((framing instanceof LengthFieldFraming lengthField && lengthField.overhead() > 0)
						|| framing instanceof LineFraming || framing instanceof DelimiterFraming
						|| framing instanceof RawFraming || framing instanceof FixedLengthFraming);
	}

	@Override
	public MessageDecoder<T> newDecoder() {
		MessageDecoder<T> shared = this.sharedDecoder;
		return (shared != null) ? shared : new FramedDecoder<>(this.framing.newDecoder(), this.payload);
	}

	@Override
	public void encode(T message, ByteBuf out) throws Exception {
		int start = this.framing.beginFrame(out);
		this.payload.write(message, out);
		this.framing.endFrame(out, start);
	}

	@Override
	public boolean sharesPayload(T message) {
		return this.sharesPayloads && message instanceof ByteBuf payload && payload.readableBytes() >= SHARE_THRESHOLD;
	}

	@Override
	public @Nullable ByteBuf encodeShared(T message, ByteBuf out) throws Exception {
		if (!sharesPayload(message)) {
			return null;
		}
		ByteBuf payload = (ByteBuf) message;
		if (this.framing instanceof LengthFieldFraming lengthField) {
			// As a hand-written pipeline's prepender does: the header goes out first, then the payload as it is.
			lengthField.writeHeader(out, payload.readableBytes());
			return payload.retainedSlice();
		}
		if (this.framing instanceof RawFraming) {
			return payload.retainedSlice();
		}
		return trailedFrame(payload, out.alloc());
	}

	/**
	 * Frames a payload with a framing that writes after it or checks the whole frame: the framing sees the payload
	 * and what it adds as one composite.
	 */
	private ByteBuf trailedFrame(ByteBuf payload, ByteBufAllocator alloc) {
		CompositeByteBuf frame = payload.isDirect() ? alloc.compositeDirectBuffer(3) : alloc.compositeHeapBuffer(3);
		try {
			int start = this.framing.beginFrame(frame);
			frame.addComponent(true, payload.retainedSlice());
			this.framing.endFrame(frame, start);
			return frame;
		}
		catch (Throwable ex) {
			frame.release();
			throw ex;
		}
	}

	@Override
	public int sizeHint(T message) {
		return this.payload.sizeHint(message) + this.framing.overhead();
	}

	@Override
	public String toString() {
		return this.framing + " with " + this.payload.getClass().getSimpleName();
	}

	private static final class FramedDecoder<T> implements MessageDecoder<T> {

		private final FrameDecoder frames;

		private final PayloadCodec<T> payload;

		FramedDecoder(FrameDecoder frames, PayloadCodec<T> payload) {
			this.frames = frames;
			this.payload = payload;
		}

		@Override
		public @Nullable T decode(ByteBuf in) throws Exception {
			int length = this.frames.nextFrame(in);
			if (length == FrameDecoder.INCOMPLETE) {
				return null;
			}
			int payloadEnd = in.readerIndex() + length;
			T message = this.payload.read(in, length);
			in.readerIndex(payloadEnd);
			this.frames.endFrame(in);
			return message;
		}

	}

}
