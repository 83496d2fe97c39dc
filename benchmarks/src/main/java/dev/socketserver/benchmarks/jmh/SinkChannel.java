package dev.socketserver.benchmarks.jmh;

import java.net.SocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;

/**
 * In-memory channel whose writes always succeed at once: flushed messages are released and counted, as if a socket
 * with infinite bandwidth took them. Registers on any event loop (NIO, epoll, io_uring or embedded) because it
 * does no I/O, so benchmarks can hold many thousands of connections without file descriptors. Not final, so that
 * a probe can count calls.
 */
public class SinkChannel extends AbstractChannel {

	private static final ChannelMetadata METADATA = new ChannelMetadata(false);

	private final ChannelConfig config = new DefaultChannelConfig(this);

	private final @Nullable Runnable onWritten;

	private volatile boolean open = true;

	private long bytesWritten;

	/**
	 * Creates a channel that only counts what it writes.
	 */
	public SinkChannel() {
		this(null);
	}

	/**
	 * Creates a channel that reports each written message.
	 * @param onWritten run on the event loop after each message is written and released, or {@code null}
	 */
	public SinkChannel(@Nullable Runnable onWritten) {
		super(null);
		this.onWritten = onWritten;
	}

	/**
	 * Returns the bytes written so far; read on the event loop, or after the writes are known to be done.
	 * @return the byte count
	 */
	public long bytesWritten() {
		return this.bytesWritten;
	}

	@Override
	public ChannelConfig config() {
		return this.config;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public boolean isActive() {
		return this.open;
	}

	@Override
	public ChannelMetadata metadata() {
		return METADATA;
	}

	@Override
	protected AbstractUnsafe newUnsafe() {
		return new SinkUnsafe();
	}

	@Override
	protected boolean isCompatible(EventLoop loop) {
		return true;
	}

	@Override
	protected @Nullable SocketAddress localAddress0() {
		return null;
	}

	@Override
	protected @Nullable SocketAddress remoteAddress0() {
		return null;
	}

	@Override
	protected void doBind(SocketAddress localAddress) {
		throw new UnsupportedOperationException("A sink channel cannot be bound");
	}

	@Override
	protected void doDisconnect() {
		this.open = false;
	}

	@Override
	protected void doClose() {
		this.open = false;
	}

	@Override
	protected void doBeginRead() {
	}

	@Override
	protected void doWrite(ChannelOutboundBuffer in) {
		Runnable onWritten = this.onWritten;
		for (;;) {
			Object message = in.current();
			if (message == null) {
				return;
			}
			if (message instanceof ByteBuf buffer) {
				this.bytesWritten += buffer.readableBytes();
			}
			in.remove();
			if (onWritten != null) {
				onWritten.run();
			}
		}
	}

	private final class SinkUnsafe extends AbstractUnsafe {

		@Override
		public void connect(SocketAddress remoteAddress, @Nullable SocketAddress localAddress,
				ChannelPromise promise) {
			promise.setFailure(new UnsupportedOperationException("A sink channel cannot connect"));
		}

	}

}
