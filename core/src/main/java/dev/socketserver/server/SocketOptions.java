package dev.socketserver.server;

import org.jspecify.annotations.Nullable;

/**
 * TCP options of a server's listening socket and of its connections.
 *
 * @param backlog the length of the queue of connections accepted by the kernel but not yet by the server
 * @param tcpNoDelay whether to send small writes at once instead of coalescing them (Nagle's algorithm off)
 * @param keepAlive whether the kernel probes idle connections (SO_KEEPALIVE)
 * @param reuseAddress whether the port can be bound again while old connections linger (SO_REUSEADDR)
 * @param receiveBufferSize the socket receive buffer size in bytes, or {@code null} for the kernel's
 * @param sendBufferSize the socket send buffer size in bytes, or {@code null} for the kernel's
 * @param writeBufferLowWaterMark pending outbound bytes below which an unwritable connection becomes writable
 * again
 * @param writeBufferHighWaterMark pending outbound bytes above which a connection becomes unwritable, and the
 * server stops reading from it
 * @since 0.1.0
 */
public record SocketOptions(int backlog, boolean tcpNoDelay, boolean keepAlive, boolean reuseAddress,
		@Nullable Integer receiveBufferSize, @Nullable Integer sendBufferSize, int writeBufferLowWaterMark,
		int writeBufferHighWaterMark) {

	/**
	 * Options by default: backlog 1024, TCP_NODELAY, SO_KEEPALIVE and SO_REUSEADDR on, kernel buffer sizes,
	 * water marks 32 KiB and 64 KiB.
	 */
	public static final SocketOptions DEFAULTS = new SocketOptions(1024, true, true, true, null, null, 32 * 1024,
			64 * 1024);

	/**
	 * Validates the options.
	 */
	public SocketOptions {
		if (backlog <= 0) {
			throw new IllegalArgumentException("'backlog' must be positive");
		}
		if (receiveBufferSize != null && receiveBufferSize <= 0) {
			throw new IllegalArgumentException("'receiveBufferSize' must be positive");
		}
		if (sendBufferSize != null && sendBufferSize <= 0) {
			throw new IllegalArgumentException("'sendBufferSize' must be positive");
		}
		if (writeBufferLowWaterMark < 0 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
			throw new IllegalArgumentException("'writeBufferLowWaterMark' (" + writeBufferLowWaterMark
					+ ") must be between 0 and 'writeBufferHighWaterMark' (" + writeBufferHighWaterMark + ")");
		}
	}

}
