package dev.socketserver.transport;

import java.util.Objects;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * I/O transport that carries a server's sockets.
 * <p>
 * The native transports need their platform jar (for example
 * {@code netty-transport-native-epoll:linux-x86_64}) on the class path; the starter brings the Linux ones.
 *
 * @since 0.1.0
 */
public enum Transport {

	/**
	 * Best available transport: epoll, else io_uring, else kqueue, else NIO. Epoll comes first because Netty
	 * 4.2.18's io_uring transport leaves connections that a peer resets soon after connecting open forever (their
	 * poll completes with an error Netty ignores; up to nearly all of those reset after part of a frame); choose
	 * {@link #IO_URING} explicitly to use it anyway, the deadlines then reap such connections.
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
	 * BSD and macOS kqueue.
	 */
	KQUEUE,

	/**
	 * Java NIO selectors, available everywhere.
	 */
	NIO;

	private static final String KQUEUE_PACKAGE = "io.netty.channel.kqueue.";

	/**
	 * Returns whether this transport can be used in this JVM on this machine. {@link #AUTO} always can.
	 * @return whether the transport is usable
	 */
	public boolean isAvailable() {
		return unavailabilityCause() == null;
	}

	/**
	 * Returns why this transport cannot be used, or {@code null} when it can.
	 * @return the reason, or {@code null}
	 */
	public @Nullable Throwable unavailabilityCause() {
		try {
			return switch (this) {
				case AUTO, NIO -> null;
				case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
				case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
				case KQUEUE -> kqueueUnavailabilityCause();
			};
		}
		catch (LinkageError ex) {
			return ex;
		}
	}

	/**
	 * Resolves {@link #AUTO} to the best available transport, and checks that any other transport is available.
	 * @return a concrete, available transport
	 * @throws IllegalStateException if this transport was asked for explicitly and is not available
	 */
	public Transport resolve() {
		if (this == AUTO) {
			for (Transport candidate : new Transport[] { EPOLL, IO_URING, KQUEUE }) {
				if (candidate.isAvailable()) {
					return candidate;
				}
			}
			return NIO;
		}
		Throwable cause = unavailabilityCause();
		if (cause != null) {
			throw new IllegalStateException("Transport " + this + " is not available: " + cause.getMessage()
					+ ". Add its native library for this platform or choose another transport", cause);
		}
		return this;
	}

	IoHandlerFactory ioHandlerFactory() {
		return switch (concrete()) {
			case IO_URING -> IoUringIoHandler.newFactory();
			case EPOLL -> EpollIoHandler.newFactory();
			case KQUEUE -> (IoHandlerFactory) invokeKqueue("KQueueIoHandler", "newFactory");
			default -> NioIoHandler.newFactory();
		};
	}

	@SuppressWarnings("unchecked")
	Class<? extends ServerChannel> serverChannelType() {
		return switch (concrete()) {
			case IO_URING -> IoUringServerSocketChannel.class;
			case EPOLL -> EpollServerSocketChannel.class;
			case KQUEUE -> (Class<? extends ServerChannel>) kqueueClass("KQueueServerSocketChannel");
			default -> NioServerSocketChannel.class;
		};
	}

	@SuppressWarnings("unchecked")
	Class<? extends SocketChannel> socketChannelType() {
		return switch (concrete()) {
			case IO_URING -> IoUringSocketChannel.class;
			case EPOLL -> EpollSocketChannel.class;
			case KQUEUE -> (Class<? extends SocketChannel>) kqueueClass("KQueueSocketChannel");
			default -> NioSocketChannel.class;
		};
	}

	private Transport concrete() {
		if (this == AUTO) {
			throw new IllegalStateException("AUTO must be resolved first");
		}
		return this;
	}

	private static @Nullable Throwable kqueueUnavailabilityCause() {
		try {
			Class<?> kqueue = kqueueClass("KQueue");
			if ((Boolean) kqueue.getMethod("isAvailable").invoke(null)) {
				return null;
			}
			return (Throwable) kqueue.getMethod("unavailabilityCause").invoke(null);
		}
		catch (ReflectiveOperationException | IllegalStateException ex) {
			return new UnsupportedOperationException("netty-transport-native-kqueue is not on the class path");
		}
	}

	private static Class<?> kqueueClass(String simpleName) {
		try {
			return Class.forName(KQUEUE_PACKAGE + simpleName, true, Transport.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object invokeKqueue(String simpleName, String method) {
		try {
			return Objects.requireNonNull(kqueueClass(simpleName).getMethod(method).invoke(null));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
