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

	/**
	 * Returns these options with another backlog.
	 * @param backlog the backlog
	 * @return the changed options
	 */
	public SocketOptions withBacklog(int backlog) {
		return new SocketOptions(backlog, this.tcpNoDelay, this.keepAlive, this.reuseAddress, this.receiveBufferSize,
				this.sendBufferSize, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark);
	}

	/**
	 * Returns these options with another TCP_NODELAY setting.
	 * @param tcpNoDelay the TCP_NODELAY setting
	 * @return the changed options
	 */
	public SocketOptions withTcpNoDelay(boolean tcpNoDelay) {
		return new SocketOptions(this.backlog, tcpNoDelay, this.keepAlive, this.reuseAddress, this.receiveBufferSize,
				this.sendBufferSize, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark);
	}

	/**
	 * Returns these options with another SO_KEEPALIVE setting.
	 * @param keepAlive the SO_KEEPALIVE setting
	 * @return the changed options
	 */
	public SocketOptions withKeepAlive(boolean keepAlive) {
		return new SocketOptions(this.backlog, this.tcpNoDelay, keepAlive, this.reuseAddress, this.receiveBufferSize,
				this.sendBufferSize, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark);
	}

	/**
	 * Returns these options with another SO_REUSEADDR setting.
	 * @param reuseAddress the SO_REUSEADDR setting
	 * @return the changed options
	 */
	public SocketOptions withReuseAddress(boolean reuseAddress) {
		return new SocketOptions(this.backlog, this.tcpNoDelay, this.keepAlive, reuseAddress, this.receiveBufferSize,
				this.sendBufferSize, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark);
	}

	/**
	 * Returns these options with another receive buffer size.
	 * @param receiveBufferSize the receive buffer size
	 * @return the changed options
	 */
	public SocketOptions withReceiveBufferSize(@Nullable Integer receiveBufferSize) {
		return new SocketOptions(this.backlog, this.tcpNoDelay, this.keepAlive, this.reuseAddress, receiveBufferSize,
				this.sendBufferSize, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark);
	}

	/**
	 * Returns these options with another send buffer size.
	 * @param sendBufferSize the send buffer size
	 * @return the changed options
	 */
	public SocketOptions withSendBufferSize(@Nullable Integer sendBufferSize) {
		return new SocketOptions(this.backlog, this.tcpNoDelay, this.keepAlive, this.reuseAddress,
				this.receiveBufferSize, sendBufferSize, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark);
	}

	/**
	 * Returns these options with another low water mark.
	 * @param writeBufferLowWaterMark the low water mark
	 * @return the changed options
	 */
	public SocketOptions withWriteBufferLowWaterMark(int writeBufferLowWaterMark) {
		return new SocketOptions(this.backlog, this.tcpNoDelay, this.keepAlive, this.reuseAddress,
				this.receiveBufferSize, this.sendBufferSize, writeBufferLowWaterMark, this.writeBufferHighWaterMark);
	}

	/**
	 * Returns these options with another high water mark.
	 * @param writeBufferHighWaterMark the high water mark
	 * @return the changed options
	 */
	public SocketOptions withWriteBufferHighWaterMark(int writeBufferHighWaterMark) {
		return new SocketOptions(this.backlog, this.tcpNoDelay, this.keepAlive, this.reuseAddress,
				this.receiveBufferSize, this.sendBufferSize, this.writeBufferLowWaterMark, writeBufferHighWaterMark);
	}

}
