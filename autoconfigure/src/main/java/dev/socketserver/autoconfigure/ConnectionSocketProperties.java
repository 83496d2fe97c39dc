package dev.socketserver.autoconfigure;

import dev.socketserver.server.SocketOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Socket options of a connection, the same for the connections of servers and clients
 * ({@code socket.servers.<name>.socket}, {@code socket.clients.<name>.socket}).
 *
 * @since 0.1.0
 */
public class ConnectionSocketProperties {

	/**
	 * Whether small writes go out at once (TCP_NODELAY, Nagle's algorithm off).
	 */
	private boolean tcpNoDelay = true;

	/**
	 * Whether the kernel probes idle connections (SO_KEEPALIVE).
	 */
	private boolean keepAlive = true;

	/**
	 * Socket receive buffer size (SO_RCVBUF). Defaults to the kernel's.
	 */
	private @Nullable DataSize receiveBufferSize;

	/**
	 * Socket send buffer size (SO_SNDBUF). Defaults to the kernel's.
	 */
	private @Nullable DataSize sendBufferSize;

	/**
	 * Pending outbound bytes below which an unwritable connection becomes writable again.
	 */
	private DataSize writeBufferLowWaterMark = DataSize.ofKilobytes(32);

	/**
	 * Pending outbound bytes above which a connection becomes unwritable and stops being read.
	 */
	private DataSize writeBufferHighWaterMark = DataSize.ofKilobytes(64);

	public boolean isTcpNoDelay() {
		return this.tcpNoDelay;
	}

	public void setTcpNoDelay(boolean tcpNoDelay) {
		this.tcpNoDelay = tcpNoDelay;
	}

	public boolean isKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(boolean keepAlive) {
		this.keepAlive = keepAlive;
	}

	public @Nullable DataSize getReceiveBufferSize() {
		return this.receiveBufferSize;
	}

	public void setReceiveBufferSize(@Nullable DataSize receiveBufferSize) {
		Assert.isTrue(receiveBufferSize == null || receiveBufferSize.toBytes() > 0,
				"'receiveBufferSize' must be positive");
		this.receiveBufferSize = receiveBufferSize;
	}

	public @Nullable DataSize getSendBufferSize() {
		return this.sendBufferSize;
	}

	public void setSendBufferSize(@Nullable DataSize sendBufferSize) {
		Assert.isTrue(sendBufferSize == null || sendBufferSize.toBytes() > 0, "'sendBufferSize' must be positive");
		this.sendBufferSize = sendBufferSize;
	}

	public DataSize getWriteBufferLowWaterMark() {
		return this.writeBufferLowWaterMark;
	}

	public void setWriteBufferLowWaterMark(DataSize writeBufferLowWaterMark) {
		Assert.isTrue(writeBufferLowWaterMark.toBytes() >= 0, "'writeBufferLowWaterMark' must not be negative");
		this.writeBufferLowWaterMark = writeBufferLowWaterMark;
	}

	public DataSize getWriteBufferHighWaterMark() {
		return this.writeBufferHighWaterMark;
	}

	public void setWriteBufferHighWaterMark(DataSize writeBufferHighWaterMark) {
		Assert.isTrue(writeBufferHighWaterMark.toBytes() > 0, "'writeBufferHighWaterMark' must be positive");
		this.writeBufferHighWaterMark = writeBufferHighWaterMark;
	}

	/**
	 * Applies these options to a server's or a client's, checking the water marks against each other.
	 */
	SocketOptions applyTo(SocketOptions options, Declared declared) {
		int low = (int) this.writeBufferLowWaterMark.toBytes();
		int high = (int) this.writeBufferHighWaterMark.toBytes();
		if (high < low) {
			throw new InvalidConfigurationPropertyValueException(
					declared.property("socket.write-buffer-high-water-mark"), this.writeBufferHighWaterMark,
					"Must not be below the low water mark (" + low + "B)");
		}
		return options.withTcpNoDelay(this.tcpNoDelay)
			.withKeepAlive(this.keepAlive)
			.withReceiveBufferSize(bytes(this.receiveBufferSize))
			.withSendBufferSize(bytes(this.sendBufferSize))
			.withWriteBufferLowWaterMark(low)
			.withWriteBufferHighWaterMark(high);
	}

	private static @Nullable Integer bytes(@Nullable DataSize size) {
		return (size != null) ? (int) size.toBytes() : null;
	}

}
