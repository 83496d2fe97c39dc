package dev.socketserver.wiretap;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One frame a {@link WireTap} captured.
 *
 * @param time when the frame was decoded or encoded
 * @param direction which way it went
 * @param size the frame's size in bytes, framing included; -1 if its bytes were not visible (a message of a codec
 * made of Netty handlers)
 * @param hex the frame's bytes in hexadecimal, at most {@link WireTapSettings#maxBytesPerFrame()} of them;
 * {@code null} when masked or not visible
 * @param truncated whether {@code hex} shows fewer bytes than the frame has
 * @param message the decoded message's {@code toString}, at most {@link WireTapSettings#maxMessageLength()}
 * characters; {@code null} when masked or when the message is the frame's bytes
 * @since 0.1.0
 */
public record WireTapEntry(Instant time, Direction direction, int size, @Nullable String hex, boolean truncated,
		@Nullable String message) {

	/**
	 * Validates the entry.
	 */
	public WireTapEntry {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(direction, "'direction' must not be null");
	}

	/**
	 * Returns this entry with its size only: no bytes and no message.
	 * @return the masked entry
	 */
	public WireTapEntry sizeOnly() {
		return new WireTapEntry(this.time, this.direction, this.size, null, false, null);
	}

	/**
	 * Which way a frame went.
	 */
	public enum Direction {

		/** From the peer to the server. */
		RECEIVED,

		/** From the server to the peer. */
		SENT

	}

}
