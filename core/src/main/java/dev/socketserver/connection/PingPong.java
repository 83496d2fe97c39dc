package dev.socketserver.connection;

import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.heartbeat.HeartbeatPolicy;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * What a server does with the pings and pongs its connections send: a client's ping is answered with a pong, a
 * pong answers the server's pings; both reach the handler only if the policy says so. One per server, created
 * only for servers with heartbeat messages.
 */
final class PingPong {

	private final HeartbeatMessages<Object> messages;

	private final HeartbeatPolicy policy;

	private final ConnectionStats stats;

	private PingPong(HeartbeatMessages<Object> messages, HeartbeatPolicy policy, ConnectionStats stats) {
		this.messages = messages;
		this.policy = policy;
		this.stats = stats;
	}

	static @Nullable PingPong of(@Nullable HeartbeatMessages<Object> messages, HeartbeatPolicy policy,
			ConnectionStats stats) {
		return (messages != null) ? new PingPong(messages, policy, stats) : null;
	}

	/**
	 * Answers or notes a heartbeat message.
	 * @return whether the message was taken, released and must not reach the handler
	 */
	boolean consumed(ConnectionStage connection, Object message) {
		if (this.policy.pingsEnabled() && this.messages.isPong(message)) {
			connection.pongReceived();
			this.stats.recordPongReceived();
		}
		else if (this.policy.answerPings() && this.messages.isPing(message)) {
			this.stats.recordPingAnswered();
			connection.outbound.write(this.messages.pong(message), null);
		}
		else {
			return false;
		}
		if (this.policy.deliverPings()) {
			return false;
		}
		ReferenceCountUtil.release(message);
		return true;
	}

}
