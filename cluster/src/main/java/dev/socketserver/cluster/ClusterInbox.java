package dev.socketserver.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * Receives what arrives on this node's channel and on the broadcast channel, on one thread so that the messages
 * of one sender stay in order, and what arrives on its stream, on the stream reader's thread; drops an envelope
 * whose message id it has seen; and hands the rest on: messages to this node's connections (which only queues
 * writes), requests and replies to {@link ClusterRequests}, probes to the {@link ClusterNode}.
 */
final class ClusterInbox implements MessageListener, ClusterStreamReader.Listener {

	/**
	 * How many message ids are remembered. Only entries read and not acknowledged come twice, at most one read
	 * batch, so a window far larger than a batch drops every duplicate.
	 */
	private static final int SEEN_IDS = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(ClusterInbox.class);

	private final ClusterNode node;

	private final ClusterPayloads payloads;

	private final ClusterRequests requests;

	private final ClusterStats stats;

	private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > SEEN_IDS;
		}

	};

	private final ClusterAdmin admin;

	ClusterInbox(ClusterNode node, ClusterPayloads payloads, ClusterRequests requests, ClusterStats stats,
			ClusterAdmin admin) {
		this.node = node;
		this.payloads = payloads;
		this.requests = requests;
		this.stats = stats;
		this.admin = admin;
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		onEnvelope(message.getBody(), false);
	}

	@Override
	public void onEntry(byte[] envelope, boolean redelivered) {
		onEnvelope(envelope, redelivered);
	}

	private void onEnvelope(byte[] bytes, boolean redelivered) {
		ClusterEnvelope envelope;
		try {
			envelope = ClusterEnvelope.decode(bytes);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Cluster node '{}' dropped an unreadable envelope: {}", this.node.id(), ex.getMessage());
			return;
		}
		if (redelivered) {
			this.stats.server(envelope.server()).recordRedelivery();
		}
		if (!envelope.messageId().isEmpty() && !firstSeen(envelope.messageId())) {
			this.stats.server(envelope.server()).recordDuplicate();
			return;
		}
		try {
			receive(envelope);
		}
		catch (RuntimeException ex) {
			logger.warn("Cluster node '{}' could not deliver a {} from node '{}' for socket server '{}'",
					this.node.id(), envelope.type(), envelope.origin(), envelope.server(), ex);
		}
	}

	/**
	 * Notes a message id; the pub/sub thread and the stream thread both come here.
	 */
	private boolean firstSeen(String messageId) {
		synchronized (this.seen) {
			return this.seen.put(messageId, Boolean.TRUE) == null;
		}
	}

	private void receive(ClusterEnvelope envelope) {
		switch (envelope.type()) {
			case PROBE -> {
				if (envelope.origin().equals(this.node.id())) {
					this.node.probeReturned(envelope.requestId());
				}
			}
			case IDENTITY -> {
				this.stats.server(envelope.server()).recordReceived(envelope.sentAtMillis());
				this.payloads.deliverToIdentity(envelope.server(), envelope.target(), envelope.payload());
			}
			case GROUP -> {
				this.stats.server(envelope.server()).recordReceived(envelope.sentAtMillis());
				this.payloads.deliverToGroup(envelope.server(), envelope.target(), envelope.payload());
			}
			case BROADCAST -> {
				// The sender delivered to its own connections already.
				if (!envelope.origin().equals(this.node.id())) {
					this.stats.server(envelope.server()).recordReceived(envelope.sentAtMillis());
					this.payloads.deliverToAll(envelope.server(), envelope.payload());
				}
			}
			case REQUEST -> this.requests.serve(envelope);
			case REPLY, FAILURE -> this.requests.complete(envelope);
			case ADMIN_FIND, ADMIN_CLOSE -> this.admin.serve(envelope);
			case ADMIN_ANSWER -> this.admin.complete(envelope);
			default -> logger.debug("Cluster node '{}' ignored a {}", this.node.id(), envelope.type());
		}
	}

}
