package dev.socketserver.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionClosedException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a client's pool through its life: connecting, connected, lost, waiting to reconnect, and
 * over the endpoints in turn. Each attempt has a number; events of an attempt that is no longer the current one
 * are ignored. Confined to the client's event loop, except {@link #endpoint()}.
 */
final class ClientSlot {

	private static final Logger logger = LoggerFactory.getLogger(SocketClient.class);

	/**
	 * Where the slot stands.
	 */
	enum Phase {

		IDLE, CONNECTING, CONNECTED, BACKING_OFF, DEAD

	}

	private final NettySocketClient client;

	private final List<InetSocketAddress> endpoints;

	private final Reconnect reconnect;

	private final FailBack failBack;

	/** Written on the client's loop, read from any thread for the endpoint in use. */
	private volatile Phase phase = Phase.IDLE;

	private volatile int endpoint;

	private int failures;

	private long attempt;

	private boolean failingBack;

	private @Nullable Channel channel;

	private @Nullable Connection connection;

	private @Nullable ScheduledFuture<?> timer;

	ClientSlot(NettySocketClient client) {
		SocketClientConfig config = client.config();
		this.client = client;
		this.endpoints = config.endpoints();
		this.reconnect = config.reconnect();
		this.failBack = config.failBack();
	}

	Phase phase() {
		return this.phase;
	}

	InetSocketAddress endpoint() {
		return this.endpoints.get(this.endpoint);
	}

	private String where() {
		return NettySocketClient.describe(endpoint());
	}

	void connect() {
		if (this.client.isStopped()) {
			return;
		}
		long id = ++this.attempt;
		this.phase = Phase.CONNECTING;
		this.client.slotChanged();
		InetSocketAddress address = endpoint();
		ChannelFuture future = this.client.bootstrap(address)
			.handler(new AttemptInitializer(this, id))
			.connect(address);
		this.channel = future.channel();
		future.addListener((ChannelFutureListener) (connect) -> {
			if (!connect.isSuccess()) {
				this.client.registrationEnded(connect.channel());
				this.client.execute(() -> failed(id, connect.cause()));
			}
		});
	}

	/**
	 * Watches a connection of an attempt from its creation: it becomes ready, or it closes.
	 */
	private void created(long id, Connection connection) {
		connection.closeFuture()
			.whenComplete((reason, ex) -> this.client.execute(() -> closed(id, connection, reason)));
	}

	private void ready(long id, Connection connection) {
		if (id != this.attempt) {
			return;
		}
		if (this.client.isStopped()) {
			connection.close(CloseReason.CLOSED_BY_APPLICATION);
			return;
		}
		this.connection = connection;
		this.failures = 0;
		logger.info("Socket client '{}' connected to {} (connection {})", this.client.name(), where(),
				connection.id());
		this.client.ready(this, connection);
		scheduleFailBack(id);
	}

	/**
	 * Notes that senders have the connection now.
	 * @return whether it is still this slot's
	 */
	boolean published(Connection connection) {
		if (this.connection != connection) {
			return false;
		}
		this.phase = Phase.CONNECTED;
		return true;
	}

	private void failed(long id, Throwable cause) {
		if (id != this.attempt) {
			return;
		}
		this.channel = null;
		this.client.countFailure();
		String failedEndpoint = where();
		this.endpoint = (this.endpoint + 1) % this.endpoints.size();
		Duration delay = backOff(cause);
		if (this.failures == 1) {
			logger.info("Socket client '{}' could not connect to {}: {}{}", this.client.name(), failedEndpoint, cause,
					(delay != null) ? "; next attempt to " + where() + " in " + delay.toMillis() + "ms" : "");
		}
		else {
			logger.debug("Socket client '{}' could not connect to {} ({} failures in a row): {}", this.client.name(),
					failedEndpoint, this.failures, cause.toString());
		}
	}

	private void closed(long id, Connection connection, @Nullable CloseReason reason) {
		if (id != this.attempt) {
			return;
		}
		CloseReason why = (reason != null) ? reason : CloseReason.PEER_CLOSED;
		cancelTimer();
		this.channel = null;
		if (this.connection != connection) {
			// Closed before it was ready, as by a failed TLS handshake: a failed attempt.
			failed(id, new ConnectionClosedException(connection.id(), why));
			return;
		}
		this.connection = null;
		this.client.lost(connection);
		if (this.failingBack) {
			this.failingBack = false;
			this.endpoint = 0;
			logger.info("Socket client '{}' fails back to {}", this.client.name(), where());
			connect();
			return;
		}
		logger.info("Socket client '{}' lost its connection {} to {}: {}", this.client.name(), connection.id(),
				where(), why);
		this.failures = 0;
		backOff(null);
	}

	/**
	 * Waits before the next attempt, or gives up when reconnects are off.
	 * @return the delay, or {@code null} when giving up
	 */
	private @Nullable Duration backOff(@Nullable Throwable cause) {
		if (this.client.isStopped()) {
			return null;
		}
		if (!this.reconnect.enabled()) {
			this.phase = Phase.DEAD;
			this.client.slotChanged();
			return null;
		}
		Duration delay = this.reconnect.delay(this.failures++, ThreadLocalRandom.current().nextDouble());
		long id = this.attempt;
		this.phase = Phase.BACKING_OFF;
		this.client.backingOff(endpoint(), delay, cause);
		this.client.slotChanged();
		try {
			this.timer = this.client.loop().schedule(() -> {
				if (id == this.attempt) {
					this.timer = null;
					this.client.countReconnect();
					connect();
				}
			}, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The event loops are shutting down under the client: nothing can connect any more.
			this.phase = Phase.DEAD;
			return null;
		}
		return delay;
	}

	private void scheduleFailBack(long id) {
		if (!this.failBack.enabled() || this.endpoint == 0 || this.client.loop().isShuttingDown()) {
			return;
		}
		this.timer = this.client.loop().schedule(() -> {
			this.timer = null;
			if (id != this.attempt || this.connection == null) {
				return;
			}
			this.client.probe(this.endpoints.get(0)).addListener((ChannelFutureListener) (probe) -> {
				probe.channel().close();
				this.client.execute(() -> {
					if (probe.isSuccess() && id == this.attempt && this.connection != null) {
						this.failingBack = true;
						this.connection.close(CloseReason.CLOSED_BY_APPLICATION);
					}
					else {
						scheduleFailBack(id);
					}
				});
			});
		}, this.failBack.interval().toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Closes the connection or the attempt under way, for good.
	 * @return the channel closing, or {@code null} if there was none
	 */
	@Nullable Channel stop() {
		this.attempt++;
		this.phase = Phase.DEAD;
		cancelTimer();
		Connection current = this.connection;
		Channel open = this.channel;
		this.connection = null;
		this.channel = null;
		if (current != null) {
			current.close(CloseReason.CLOSED_BY_APPLICATION);
		}
		else if (open != null) {
			open.close();
		}
		return open;
	}

	private void cancelTimer() {
		ScheduledFuture<?> pending = this.timer;
		if (pending != null) {
			this.timer = null;
			pending.cancel(false);
		}
	}

	/**
	 * Builds the pipeline of one attempt: the connection as the client's manager makes it, then a watcher of the
	 * moment it is ready.
	 */
	private static final class AttemptInitializer extends ChannelInitializer<Channel> {

		private final ClientSlot slot;

		private final long id;

		AttemptInitializer(ClientSlot slot, long id) {
			this.slot = slot;
			this.id = id;
		}

		@Override
		protected void initChannel(Channel channel) {
			channel.pipeline().addLast(this.slot.client.connectionInitializer());
			ChannelHandler handler = channel.pipeline().get(ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME);
			if (!(handler instanceof Connection connection)) {
				throw new IllegalStateException("A pipeline customizer of socket client '" + this.slot.client.name()
						+ "' removed its connection stage");
			}
			channel.pipeline().addLast(new ReadyWatcher(connection, this.slot.client.config().clientSsl() != null,
					() -> this.slot.client.execute(() -> this.slot.ready(this.id, connection))));
			this.slot.created(this.id, connection);
		}

	}

	/**
	 * Tells when a connection is ready: active, and with TLS once its handshake succeeded, which is when its
	 * handler's onOpen is called too.
	 */
	private static final class ReadyWatcher extends ChannelInboundHandlerAdapter {

		private final Connection connection;

		private final boolean tls;

		private final Runnable ready;

		ReadyWatcher(Connection connection, boolean tls, Runnable ready) {
			this.connection = connection;
			this.tls = tls;
			this.ready = ready;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			ctx.fireChannelActive();
			if (!this.tls) {
				ready(ctx);
			}
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
			ctx.fireUserEventTriggered(evt);
			if (this.tls && evt instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
				ready(ctx);
			}
		}

		private void ready(ChannelHandlerContext ctx) {
			ctx.pipeline().remove(this);
			if (this.connection.isOpen()) {
				this.ready.run();
			}
		}

	}

}
