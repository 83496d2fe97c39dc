package dev.socketserver.connection;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.socketserver.dispatch.Mailbox;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * How a connection ends without losing what it owes its peer: a graceful shutdown (say goodbye, finish what was
 * received, flush, half-close, wait for the peer's end), a close after the pending writes, and a peer that
 * half-closed first. Every wait is bounded, since a peer that stops reading would hold the connection forever.
 * The state these steps need lives in the connection; the steps live here.
 */
final class GracefulClose {

	/** How long a peer that keeps its side open gets to read what was sent, as nginx's lingering close does. */
	private static final long LINGER_SECONDS = 5;

	private GracefulClose() {
	}

	/**
	 * Starts the connection's part of a graceful shutdown, on its event loop: stop reading, say goodbye, finish
	 * what was received, flush the replies, then half-close so the peer reads everything before seeing the end.
	 */
	static void beginDrain(ChannelConnection connection) {
		if (connection.draining || !connection.channel().isActive() || connection.isClosing()) {
			return;
		}
		if (!connection.handlerOpened) {
			// Still in its TLS handshake or before its PROXY header: nothing of the application's to finish.
			connection.closeNow(CloseReason.SERVER_SHUTDOWN);
			return;
		}
		connection.draining = true;
		connection.pauseReading(InboundStage.PAUSED_DRAINING);
		connection.dispatch(Dispatcher.SHUTTING_DOWN);
		finishDrainIfIdle(connection);
	}

	/**
	 * Ends a drain once the handler has nothing left: flush, then FIN (after close_notify on TLS).
	 */
	static void finishDrainIfIdle(ChannelConnection connection) {
		Mailbox box = connection.mailbox;
		if (!connection.draining || (box != null && !box.isEmpty())
				|| !connection.setCloseReason(CloseReason.SERVER_SHUTDOWN)) {
			return;
		}
		connection.outbound.drainCrossThreadWrites();
		connection.outbound.flushIfPending();
		Channel channel = connection.channel();
		channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((future) -> {
			if (channel instanceof DuplexChannel duplex && future.isSuccess()) {
				SslHandler ssl = connection.sslHandler();
				if (ssl != null) {
					// close_notify before FIN, so that the peer can tell a finished stream from a truncated one.
					ssl.closeOutbound().addListener((closed) -> halfClose(connection, duplex));
				}
				else {
					halfClose(connection, duplex);
				}
			}
			else {
				channel.close();
			}
		});
	}

	/**
	 * Sends FIN after the last reply, then keeps reading (and discarding) until the peer closes too, so that the
	 * final close leaves no unread bytes behind, which would turn it into a reset.
	 */
	private static void halfClose(ChannelConnection connection, DuplexChannel duplex) {
		duplex.shutdownOutput();
		connection.discarding = true;
		connection.resumeReading(InboundStage.PAUSED_DRAINING);
		closeAtTheLatestIn(connection.channel(), LINGER_SECONDS);
	}

	/**
	 * The peer half-closed (as {@code nc -N} does): reply to everything it sent, then close. Closing at once would
	 * drop replies still in flight, which io_uring has not even submitted yet, or still with the handler.
	 */
	static void peerFinishedSending(ChannelConnection connection) {
		Mailbox box = connection.mailbox;
		if (box != null && !box.isEmpty()) {
			connection.closeWhenMailboxEmpty = true;
			// The mailbox may have emptied while the flag was set: then nobody else will see it.
			if (!box.isEmpty()) {
				return;
			}
		}
		if (connection.setCloseReason(CloseReason.PEER_CLOSED)) {
			closeAfterPendingWrites(connection);
		}
	}

	/**
	 * Continues a close that waited for the mailbox; on the handler thread that emptied it.
	 */
	static void mailboxEmptied(ChannelConnection connection) {
		Channel channel = connection.channel();
		Runnable next = connection.closeWhenMailboxEmpty ? () -> peerFinishedSending(connection)
				: connection.draining ? () -> finishDrainIfIdle(connection) : null;
		if (next == null) {
			return;
		}
		try {
			channel.eventLoop().execute(next);
		}
		catch (RejectedExecutionException ex) {
			channel.close();
		}
	}

	/**
	 * Flushes what was sent, then closes; a peer that does not read gets a few seconds.
	 */
	static void closeAfterPendingWrites(ChannelConnection connection) {
		Channel channel = connection.channel();
		if (!channel.eventLoop().inEventLoop()) {
			try {
				channel.eventLoop().execute(() -> closeAfterPendingWrites(connection));
			}
			catch (RejectedExecutionException ex) {
				channel.close();
			}
			return;
		}
		connection.outbound.drainCrossThreadWrites();
		connection.outbound.flushIfPending();
		ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
		if (outbound == null || outbound.totalPendingWriteBytes() == 0) {
			channel.close();
			return;
		}
		closeAtTheLatestIn(channel, LINGER_SECONDS);
		channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	/**
	 * Bounds a graceful close; the timer goes away with the channel, so closes that finish early leave none.
	 */
	private static void closeAtTheLatestIn(Channel channel, long seconds) {
		ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> channel.close(), seconds, TimeUnit.SECONDS);
		channel.closeFuture().addListener((future) -> timeout.cancel(false));
	}

}
