package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.EncoderException;

/**
 * Frames that all have the same length and no header.
 *
 * @since 0.1.0
 */
public final class FixedLengthFraming implements Framing, FrameDecoder {

	private final int frameLength;

	/**
	 * Creates a fixed-length framing.
	 * @param frameLength the length of every frame in bytes
	 */
	public FixedLengthFraming(int frameLength) {
		if (frameLength <= 0) {
			throw new IllegalArgumentException("'frameLength' must be positive");
		}
		this.frameLength = frameLength;
	}

	@Override
	public FrameDecoder newDecoder() {
		return this;
	}

	@Override
	public int nextFrame(ByteBuf in) {
		return (in.readableBytes() >= this.frameLength) ? this.frameLength : INCOMPLETE;
	}

	@Override
	public int overhead() {
		return 0;
	}

	@Override
	public int beginFrame(ByteBuf out) {
		return out.writerIndex();
	}

	@Override
	public void endFrame(ByteBuf out, int frameStart) {
		int written = out.writerIndex() - frameStart;
		if (written != this.frameLength) {
			throw new EncoderException(
					"Frame of " + written + " bytes does not have the fixed length " + this.frameLength);
		}
	}

	@Override
	public String toString() {
		return "fixed-length framing (" + this.frameLength + " bytes)";
	}

}
