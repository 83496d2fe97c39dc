package dev.socketserver.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What travels between nodes on a Redis channel: a kind, who sent it when, the server and target it is meant
 * for, a request id where one applies, and the payload bytes. The only protocol of the cluster.
 *
 * @param type what the envelope carries
 * @param origin the id of the node that sent it
 * @param server the server meant
 * @param target the identity or group meant, a failure kind for {@link Type#FAILURE}, or empty
 * @param sentAtMillis the sender's wall clock when it was sent, for the delivery lag
 * @param requestId the request this belongs to, or {@code 0}
 * @param timeoutMillis how long the origin waits for a reply to a request
 * @param payload the message, reply or failure description
 * @param messageId the id a receiver drops duplicates by (origin, incarnation and sequence), or empty for
 * envelopes that travel at most once
 */
record ClusterEnvelope(Type type, String origin, String server, String target, long sentAtMillis, long requestId,
		long timeoutMillis, byte[] payload, String messageId) {

	/**
	 * Version 2 added the message id at the end. This version reads version 1 envelopes too (as without id), so
	 * that nodes can be upgraded one by one; a version 1 node drops version 2 envelopes with a warning naming both
	 * versions.
	 */
	private static final int VERSION = 2;

	private static final int VERSION_WITHOUT_ID = 1;

	private static final Type[] TYPES = Type.values();

	static ClusterEnvelope of(Type type, String origin, String server, String target, byte[] payload) {
		return new ClusterEnvelope(type, origin, server, target, System.currentTimeMillis(), 0, 0, payload, "");
	}

	ClusterEnvelope withMessageId(String messageId) {
		return new ClusterEnvelope(this.type, this.origin, this.server, this.target, this.sentAtMillis,
				this.requestId, this.timeoutMillis, this.payload, messageId);
	}

	byte[] encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + this.payload.length);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeByte(this.type.ordinal());
			out.writeUTF(this.origin);
			out.writeUTF(this.server);
			out.writeUTF(this.target);
			out.writeLong(this.sentAtMillis);
			out.writeLong(this.requestId);
			out.writeLong(this.timeoutMillis);
			out.writeInt(this.payload.length);
			out.write(this.payload);
			out.writeUTF(this.messageId);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Reads an envelope.
	 * @throws IllegalArgumentException when the bytes are no envelope of this version
	 */
	static ClusterEnvelope decode(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int version = in.readUnsignedByte();
			if (version != VERSION && version != VERSION_WITHOUT_ID) {
				throw new IllegalArgumentException("Cluster envelope of version " + version + ", expected "
						+ VERSION_WITHOUT_ID + " or " + VERSION);
			}
			int type = in.readUnsignedByte();
			if (type >= TYPES.length) {
				throw new IllegalArgumentException("Cluster envelope of unknown type " + type);
			}
			String origin = in.readUTF();
			String server = in.readUTF();
			String target = in.readUTF();
			long sentAt = in.readLong();
			long requestId = in.readLong();
			long timeout = in.readLong();
			byte[] payload = new byte[in.readInt()];
			in.readFully(payload);
			String messageId = (version == VERSION) ? in.readUTF() : "";
			return new ClusterEnvelope(TYPES[type], origin, server, target, sentAt, requestId, timeout, payload,
					messageId);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Truncated cluster envelope", ex);
		}
	}

	/**
	 * What an envelope carries. New kinds go at the end: the ordinal is on the wire.
	 */
	enum Type {

		/** A message for every connection of an identity. */
		IDENTITY,

		/** A message for the members of a group. */
		GROUP,

		/** A message for every connection of a server. */
		BROADCAST,

		/** A request for a connection of an identity. */
		REQUEST,

		/** The reply to a request. */
		REPLY,

		/** A request that failed on the node that had it. */
		FAILURE,

		/** A node's probe of its own channel. */
		PROBE,

		/** An admin's question for the connections of an identity or id on the node that has them. */
		ADMIN_FIND,

		/** An admin's order to close the connections of an identity or id on the node that has them. */
		ADMIN_CLOSE,

		/** The connections an {@link #ADMIN_FIND} found or an {@link #ADMIN_CLOSE} closed. */
		ADMIN_ANSWER

	}

}
