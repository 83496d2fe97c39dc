package dev.socketserver.codec;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * {@link MessageCodec} composed of a {@link Framing} and a {@link PayloadCodec}.
 *
 * @param <T> the message type
 */
final class FramedCodec<T> implements MessageCodec<T> {

	private final Framing framing;

	private final PayloadCodec<T> payload;

	private final @Nullable MessageDecoder<T> sharedDecoder;

	FramedCodec(Framing framing, PayloadCodec<T> payload) {
		this.framing = Objects.requireNonNull(framing, "'framing' must not be null");
		this.payload = Objects.requireNonNull(payload, "'payload' must not be null");
		FrameDecoder first = framing.newDecoder();
		// A framing that hands out one instance keeps no state, so one decoder can serve every connection.
		this.sharedDecoder = (first == framing.newDecoder()) ? new FramedDecoder<>(first, payload) : null;
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
