package dev.socketserver.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.dispatch.Mailbox;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the messages and events of a server's connections to its handler: at once on the event loop, or
 * through each connection's mailbox to the handler executor; and owns what a handler's failure does, whether
 * it threw or reported an asynchronous failure. One per server; the mailboxes belong to their connections.
 */
final class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	/** Handler events queued with the messages, so that handlers see them in order. */
	static final Object OPENED = new Object();

	static final Object SHUTTING_DOWN = new Object();

	private final ServerRuntime runtime;

	private final SocketHandler<Object> handler;

	private final @Nullable Executor executor;

	private final int mailboxCapacity;

	/** Timer of each invocation; {@code null} when none is timed or sums are taken per read batch instead. */
	private final @Nullable HandlerTimer timer;

	Dispatcher(ServerRuntime runtime) {
		this.runtime = runtime;
		this.handler = runtime.handler;
		this.executor = runtime.handlerExecutor;
		this.mailboxCapacity = runtime.settings.execution().mailboxCapacity();
		this.timer = runtime.timedPerBatch ? null : runtime.handlerTimer;
	}

	/**
	 * Hands a message or event to the handler of a connection; on its event loop.
	 */
	void dispatch(ChannelConnection connection, Object item) {
		Executor executor = this.executor;
		if (executor == null) {
			invoke(connection, item);
			return;
		}
		Mailbox box = connection.mailbox;
		if (box == null) {
			box = new Mailbox(new ConnectionMailbox(connection), executor, this.mailboxCapacity);
			connection.mailbox = box;
		}
		box.add(item);
	}

	static boolean isEvent(Object item) {
		return item == OPENED || item == SHUTTING_DOWN || item instanceof Closed;
	}

	/**
	 * Calls the handler for one message or event; on the event loop or on a handler thread, one at a time.
	 */
	void invoke(ChannelConnection connection, Object item) {
		if (item == OPENED) {
			try {
				this.handler.onOpen(connection);
			}
			catch (Throwable ex) {
				handlerFailed(connection, ex);
			}
		}
		else if (item == SHUTTING_DOWN) {
			try {
				this.handler.onShutdown(connection);
			}
			catch (Throwable ex) {
				logger.warn("Handler of socket server '{}' failed in onShutdown of connection {}",
						this.runtime.serverName, connection.id(), ex);
			}
		}
		else if (item instanceof Closed closed) {
			try {
				this.handler.onClose(connection, closed.reason());
			}
			catch (Throwable ex) {
				logger.warn("Handler of socket server '{}' failed in onClose of connection {}",
						this.runtime.serverName, connection.id(), ex);
			}
		}
		else {
			invokeOnMessage(connection, item);
		}
	}

	private void invokeOnMessage(ChannelConnection connection, Object message) {
		// Sums alone are taken once per read batch (see InboundStage): two clock reads per message would cost more
		// than many handlers.
		HandlerTimer timer = this.timer;
		long start = (timer != null) ? System.nanoTime() : 0;
		try {
			this.handler.onMessage(connection, message);
		}
		catch (Throwable ex) {
			handlerFailed(connection, ex);
		}
		finally {
			ReferenceCountUtil.release(message);
			if (timer != null) {
				long nanos = System.nanoTime() - start;
				connection.handled++;
				connection.handlerNanos += nanos;
				timer.record(nanos);
			}
		}
	}

	/**
	 * Applies the server's handler error policy to a failure, thrown or reported; from any thread.
	 */
	void handlerFailed(ChannelConnection connection, Throwable ex) {
		this.runtime.stats.recordHandlerError();
		logger.warn("Handler of socket server '{}' failed on connection {}", this.runtime.serverName, connection.id(),
				ex);
		try {
			this.handler.onError(connection, ex);
		}
		catch (Throwable secondary) {
			logger.warn("Handler of socket server '{}' failed in onError of connection {}", this.runtime.serverName,
					connection.id(), secondary);
		}
		if (this.runtime.limits.handlerErrorPolicy() == HandlerErrorPolicy.CLOSE) {
			if (connection.channel().eventLoop().inEventLoop()) {
				connection.outbound.flushIfPending();
				connection.closeNow(CloseReason.HANDLER_ERROR);
				return;
			}
			// Replies the handler sent before it failed are queued for the loop: let them out first.
			try {
				connection.channel().eventLoop().execute(() -> {
					connection.outbound.drainCrossThreadWrites();
					connection.outbound.flushIfPending();
					connection.closeNow(CloseReason.HANDLER_ERROR);
				});
			}
			catch (RejectedExecutionException rejected) {
				connection.closeNow(CloseReason.HANDLER_ERROR);
			}
		}
	}

	/**
	 * The handler event of a closed connection.
	 */
	record Closed(CloseReason reason) {
	}

}
