package dev.socketserver.connection;

import java.util.concurrent.CompletableFuture;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Completion of {@link Connection#send}: a stage completed by the write's promise, without a wrapper.
 */
final class SendFuture extends CompletableFuture<Void> implements ChannelFutureListener {

	@Override
	public void operationComplete(ChannelFuture future) {
		if (future.isSuccess()) {
			complete(null);
		}
		else {
			completeExceptionally(future.cause());
		}
	}

}
