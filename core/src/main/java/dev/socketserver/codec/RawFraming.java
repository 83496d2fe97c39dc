package dev.socketserver.codec;

import io.netty.buffer.ByteBuf;

/**
 * No framing: every chunk of bytes as it arrives is a message, cut at the maximum chunk size. Suits
 * stream-oriented protocols whose handler does its own parsing, and proxies.
 *
 * @since 0.1.0
 */
public final class RawFraming implements Framing, FrameDecoder {

	private final int maxChunkLength;

	/**
	 * Creates a raw framing.
	 * @param maxChunkLength the largest message in bytes; longer chunks are split
	 */
	public RawFraming(int maxChunkLength) {
		if (maxChunkLength <= 0) {
			throw new IllegalArgumentException("'maxChunkLength' must be positive");
		}
		this.maxChunkLength = maxChunkLength;
	}

	@Override
	public FrameDecoder newDecoder() {
		return this;
	}

	@Override
	public int nextFrame(ByteBuf in) {
		int readable = in.readableBytes();
		return (readable > 0) ? Math.min(readable, this.maxChunkLength) : INCOMPLETE;
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
	}

	@Override
	public String toString() {
		return "raw framing (chunks of at most " + this.maxChunkLength + " bytes)";
	}

}
