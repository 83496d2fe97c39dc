package dev.socketserver.benchmarks;

import java.util.Locale;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * Netty transport of the benchmark tools, chosen with the same preference as the product ({@code auto}: epoll,
 * else io_uring, else NIO) but written against Netty alone, so that the baseline owes nothing to our core.
 *
 * @since 0.1.0
 */
public enum NettyTransport {

	/**
	 * Best available, as the product's {@code auto}: epoll, else io_uring, else NIO.
	 */
	AUTO,

	/**
	 * Linux io_uring.
	 */
	IO_URING,

	/**
	 * Linux epoll.
	 */
	EPOLL,

	/**
	 * Java NIO.
	 */
	NIO;

	/**
	 * Parses a transport name as the product's {@code socket.transport} property spells it.
	 * @param name {@code auto}, {@code io_uring} (or {@code io-uring}), {@code epoll} or {@code nio}
	 * @return the transport
	 */
	public static NettyTransport parse(String name) {
		String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		try {
			return valueOf(normalized.equals("IOURING") ? "IO_URING" : normalized);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown transport '" + name + "' (auto, io_uring, epoll, nio)");
		}
	}

	/**
	 * Resolves {@link #AUTO} to the best available transport and checks that an explicit one is available.
	 * @return a concrete transport
	 */
	public NettyTransport resolve() {
		return switch (this) {
			case AUTO -> Epoll.isAvailable() ? EPOLL : IoUring.isAvailable() ? IO_URING : NIO;
			case IO_URING -> require(IoUring.isAvailable(), IoUring.unavailabilityCause());
			case EPOLL -> require(Epoll.isAvailable(), Epoll.unavailabilityCause());
			case NIO -> NIO;
		};
	}

	/**
	 * Resolves the transport of a load-generating client: {@link #AUTO} prefers epoll, whose
	 * {@code IP_BIND_ADDRESS_NO_PORT} lets many source addresses share the ephemeral port range.
	 * @return a concrete transport
	 */
	public NettyTransport resolveForClient() {
		if (this == AUTO) {
			return Epoll.isAvailable() ? EPOLL : NIO;
		}
		return resolve();
	}

	/**
	 * Returns the I/O handler factory of event loops on this transport.
	 * @return the factory
	 */
	public IoHandlerFactory ioHandlerFactory() {
		return switch (concrete()) {
			case IO_URING -> IoUringIoHandler.newFactory();
			case EPOLL -> EpollIoHandler.newFactory();
			default -> NioIoHandler.newFactory();
		};
	}

	/**
	 * Returns the server channel class of this transport.
	 * @return the server channel class
	 */
	public Class<? extends ServerSocketChannel> serverChannelClass() {
		return switch (concrete()) {
			case IO_URING -> IoUringServerSocketChannel.class;
			case EPOLL -> EpollServerSocketChannel.class;
			default -> NioServerSocketChannel.class;
		};
	}

	/**
	 * Returns the client channel class of this transport.
	 * @return the channel class
	 */
	public Class<? extends SocketChannel> channelClass() {
		return switch (concrete()) {
			case IO_URING -> IoUringSocketChannel.class;
			case EPOLL -> EpollSocketChannel.class;
			default -> NioSocketChannel.class;
		};
	}

	private NettyTransport require(boolean available, Throwable cause) {
		if (!available) {
			throw new IllegalStateException("Transport " + this + " is not available: " + cause, cause);
		}
		return this;
	}

	private NettyTransport concrete() {
		if (this == AUTO) {
			throw new IllegalStateException("AUTO must be resolved first");
		}
		return this;
	}

}
