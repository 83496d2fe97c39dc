package dev.socketserver.connection;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Running figures of one server's connections. Traffic figures add up the live connections' own counters and
 * what closed connections left behind, so the message path pays nothing extra for them.
 *
 * @since 0.1.0
 */
public final class ConnectionStats {

	private static final CloseReason[] REASONS = CloseReason.values();

	private final Collection<ChannelConnection> live;

	private final LongAdder opened = new LongAdder();

	private final LongAdder[] closed = adders();

	private final LongAdder[] rejected = adders();

	private final LongAdder decodeErrors = new LongAdder();

	private final LongAdder handlerErrors = new LongAdder();

	private final LongAdder droppedMessages = new LongAdder();

	private final LongAdder closedBytesIn = new LongAdder();

	private final LongAdder closedBytesOut = new LongAdder();

	private final LongAdder closedMessagesIn = new LongAdder();

	private final LongAdder closedMessagesOut = new LongAdder();

	private final LongAdder closedHandled = new LongAdder();

	private final LongAdder closedHandlerNanos = new LongAdder();

	private final LongAdder pingsSent = new LongAdder();

	private final LongAdder pongsReceived = new LongAdder();

	private final LongAdder pingsAnswered = new LongAdder();

	private final LongAdder backpressurePauses = new LongAdder();

	private final LongAdder ratePauses = new LongAdder();

	private final LongAdder authenticated = new LongAdder();

	private final LongAdder forbidden = new LongAdder();

	private final LongAdder requestsSent = new LongAdder();

	private final LongAdder replies = new LongAdder();

	private final LongAdder replyNanos = new LongAdder();

	private final LongAdder requestsTimedOut = new LongAdder();

	private final LongAdder requestsFailed = new LongAdder();

	private final LongAdder lateReplies = new LongAdder();

	ConnectionStats(Collection<ChannelConnection> live) {
		this.live = live;
	}

	private static LongAdder[] adders() {
		LongAdder[] adders = new LongAdder[REASONS.length];
		for (int i = 0; i < adders.length; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	/**
	 * Returns the number of connections opened since start.
	 * @return the count
	 */
	public long opened() {
		return this.opened.sum();
	}

	/**
	 * Returns the number of connections closed for a reason since start.
	 * @param reason the reason
	 * @return the count
	 */
	public long closed(CloseReason reason) {
		return this.closed[reason.ordinal()].sum();
	}

	/**
	 * Returns the number of connections refused at accept time for a reason since start.
	 * @param reason the reason
	 * @return the count
	 */
	public long rejected(CloseReason reason) {
		return this.rejected[reason.ordinal()].sum();
	}

	/**
	 * Returns the number of connections closed because their input could not be decoded or was too large.
	 * @return the count
	 */
	public long decodeErrors() {
		return this.decodeErrors.sum();
	}

	/**
	 * Returns the number of exceptions thrown by the handler.
	 * @return the count
	 */
	public long handlerErrors() {
		return this.handlerErrors.sum();
	}

	/**
	 * Returns the number of messages dropped by the slow-consumer policy.
	 * @return the count
	 */
	public long droppedMessages() {
		return this.droppedMessages.sum();
	}

	/**
	 * Returns the bytes received by all connections since start.
	 * @return the byte count
	 */
	public long bytesReceived() {
		return this.closedBytesIn.sum() + sumLive(ChannelConnection::bytesReceived);
	}

	/**
	 * Returns the bytes sent to all connections since start.
	 * @return the byte count
	 */
	public long bytesSent() {
		return this.closedBytesOut.sum() + sumLive(ChannelConnection::bytesSent);
	}

	/**
	 * Returns the messages received from all connections since start.
	 * @return the message count
	 */
	public long messagesReceived() {
		return this.closedMessagesIn.sum() + sumLive(ChannelConnection::messagesReceived);
	}

	/**
	 * Returns the messages sent to all connections since start.
	 * @return the message count
	 */
	public long messagesSent() {
		return this.closedMessagesOut.sum() + sumLive(ChannelConnection::messagesSent);
	}

	/**
	 * Returns how many messages the handler has handled since start, when handler timing is on.
	 * @return the invocation count
	 */
	public long handlerInvocations() {
		return this.closedHandled.sum() + sumLive((connection) -> connection.handled);
	}

	/**
	 * Returns the total time the handler took since start, when handler timing is on.
	 * @return the time in nanoseconds
	 */
	public long handlerNanos() {
		return this.closedHandlerNanos.sum() + sumLive((connection) -> connection.handlerNanos);
	}

	/**
	 * Returns the number of heartbeat pings the server sent.
	 * @return the count
	 */
	public long pingsSent() {
		return this.pingsSent.sum();
	}

	/**
	 * Returns the number of pongs received in answer to the server's pings.
	 * @return the count
	 */
	public long pongsReceived() {
		return this.pongsReceived.sum();
	}

	/**
	 * Returns the number of pings from clients that the server answered.
	 * @return the count
	 */
	public long pingsAnswered() {
		return this.pingsAnswered.sum();
	}

	/**
	 * Returns how often a connection stopped being read because its handler fell behind (its mailbox was full).
	 * @return the count
	 */
	public long backpressurePauses() {
		return this.backpressurePauses.sum();
	}

	/**
	 * Returns how often a connection stopped being read because it sent faster than its message rate limit, under
	 * the {@code PAUSE} policy.
	 * @return the count
	 */
	public long ratePauses() {
		return this.ratePauses.sum();
	}

	/**
	 * Returns the bytes waiting to be written, over all connections.
	 * @return the byte count
	 */
	public long pendingOutboundBytes() {
		return sumLive(ChannelConnection::pendingOutboundBytes);
	}

	/**
	 * Returns the number of connections that are not writable now.
	 * @return the count
	 */
	public long unwritableConnections() {
		return sumLive((connection) -> connection.isWritable() ? 0 : 1);
	}

	/**
	 * Returns the number of connections authenticated since start; failures are closes with
	 * {@link CloseReason#AUTHENTICATION_FAILED} or {@link CloseReason#AUTHENTICATION_TIMEOUT}.
	 * @return the count
	 */
	public long authenticated() {
		return this.authenticated.sum();
	}

	/**
	 * Returns the number of messages refused because their principal lacked an authority.
	 * @return the count
	 */
	public long forbidden() {
		return this.forbidden.sum();
	}

	/**
	 * Returns the number of requests sent that wait or waited for a reply.
	 * @return the count
	 */
	public long requestsSent() {
		return this.requestsSent.sum();
	}

	/**
	 * Returns the number of requests answered.
	 * @return the count
	 */
	public long replies() {
		return this.replies.sum();
	}

	/**
	 * Returns the time the answered requests waited for their replies, summed.
	 * @return the total in nanoseconds
	 */
	public long replyNanos() {
		return this.replyNanos.sum();
	}

	/**
	 * Returns the number of requests whose reply did not arrive in time.
	 * @return the count
	 */
	public long requestsTimedOut() {
		return this.requestsTimedOut.sum();
	}

	/**
	 * Returns the number of requests refused, or failed because their connection closed before the reply.
	 * @return the count
	 */
	public long requestsFailed() {
		return this.requestsFailed.sum();
	}

	/**
	 * Returns the number of replies that arrived after their request timed out, on in-order connections (with
	 * correlation ids a late reply matches nothing and goes to the handler).
	 * @return the count
	 */
	public long lateReplies() {
		return this.lateReplies.sum();
	}

	private long sumLive(ToLongFunction<ChannelConnection> figure) {
		long sum = 0;
		for (ChannelConnection connection : this.live) {
			sum += figure.applyAsLong(connection);
		}
		return sum;
	}

	void recordOpened() {
		this.opened.increment();
	}

	void recordClosed(ChannelConnection connection, CloseReason reason) {
		this.closed[reason.ordinal()].increment();
		this.closedBytesIn.add(connection.bytesReceived());
		this.closedBytesOut.add(connection.bytesSent());
		this.closedMessagesIn.add(connection.messagesReceived());
		this.closedMessagesOut.add(connection.messagesSent());
		this.closedHandled.add(connection.handled);
		this.closedHandlerNanos.add(connection.handlerNanos);
	}

	void recordRejected(CloseReason reason) {
		this.rejected[reason.ordinal()].increment();
	}

	void recordDecodeError() {
		this.decodeErrors.increment();
	}

	void recordHandlerError() {
		this.handlerErrors.increment();
	}

	void recordDroppedMessage() {
		this.droppedMessages.increment();
	}

	void recordPingSent() {
		this.pingsSent.increment();
	}

	void recordPongReceived() {
		this.pongsReceived.increment();
	}

	void recordBackpressurePause() {
		this.backpressurePauses.increment();
	}

	void recordRatePause() {
		this.ratePauses.increment();
	}

	void recordAuthenticated() {
		this.authenticated.increment();
	}

	void recordForbidden() {
		this.forbidden.increment();
	}

	void recordPingAnswered() {
		this.pingsAnswered.increment();
	}

	void recordRequestSent() {
		this.requestsSent.increment();
	}

	void recordReply(long nanos) {
		this.replies.increment();
		this.replyNanos.add(nanos);
	}

	void recordRequestTimedOut() {
		this.requestsTimedOut.increment();
	}

	void recordRequestFailed() {
		this.requestsFailed.increment();
	}

	void recordLateReply() {
		this.lateReplies.increment();
	}

}
