package dev.socketserver.connection;

import dev.socketserver.dispatch.Mailbox;
import io.netty.util.concurrent.EventExecutor;

/**
 * What a connection's {@link Mailbox} needs of it; created with the mailbox, so only servers whose handlers run
 * off the event loop pay for either.
 */
final class ConnectionMailbox implements Mailbox.Owner {

	private final ChannelConnection connection;

	ConnectionMailbox(ChannelConnection connection) {
		this.connection = connection;
	}

	@Override
	public void handle(Object item) {
		this.connection.runtime.dispatcher.invoke(this.connection, item);
	}

	@Override
	public boolean isEvent(Object item) {
		return Dispatcher.isEvent(item);
	}

	@Override
	public boolean hasOutboundRoom() {
		return this.connection.hasOutboundRoom();
	}

	@Override
	public void mailboxFull() {
		this.connection.pauseReading(InboundStage.PAUSED_MAILBOX);
		this.connection.runtime.stats.recordBackpressurePause();
	}

	@Override
	public void mailboxHasRoom() {
		this.connection.resumeReading(InboundStage.PAUSED_MAILBOX);
	}

	@Override
	public void mailboxEmptied() {
		GracefulClose.mailboxEmptied(this.connection);
	}

	@Override
	public EventExecutor eventLoop() {
		return this.connection.channel().eventLoop();
	}

}
