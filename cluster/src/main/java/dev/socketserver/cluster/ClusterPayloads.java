package dev.socketserver.cluster;

import java.util.function.Predicate;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of messages between nodes. By default a message is encoded once by its server's codec (framing
 * included): this node sends those bytes to its own connections, and the other nodes write the same bytes to
 * theirs without decoding them. With a {@link ClusterMessageCodec}, the bytes are that codec's and each node
 * decodes them and sends the message.
 */
final class ClusterPayloads {

	private final SocketServers servers;

	private final @Nullable ClusterMessageCodec codec;

	ClusterPayloads(SocketServers servers, @Nullable ClusterMessageCodec codec) {
		this.servers = servers;
		this.codec = codec;
	}

	ConnectionManager connections(String server) {
		return this.servers.get(server).connections();
	}

	/**
	 * Encodes a message once, for this node's connections and for the others; releases the message.
	 */
	Outgoing encode(String server, Object message) {
		ConnectionManager connections;
		try {
			connections = connections(server);
		}
		catch (RuntimeException ex) {
			ReferenceCountUtil.release(message);
			throw ex;
		}
		ClusterMessageCodec codec = this.codec;
		if (codec != null) {
			try {
				return new Outgoing(connections, codec.encode(server, message), null, message);
			}
			catch (RuntimeException ex) {
				ReferenceCountUtil.release(message);
				throw ex;
			}
		}
		if (!connections.hasSharedEncoding()) {
			ReferenceCountUtil.release(message);
			throw new IllegalStateException("Socket server '" + server + "' encodes in its pipeline: define a "
					+ ClusterMessageCodec.class.getSimpleName() + " bean to send its messages to other nodes");
		}
		ByteBuf encoded = connections.encode(message);
		return new Outgoing(connections, ByteBufUtil.getBytes(encoded), encoded, null);
	}

	/**
	 * Encodes a reply for the node that asked; releases it.
	 */
	byte[] encodeReply(String server, Object reply) {
		ClusterMessageCodec codec = this.codec;
		if (codec != null) {
			try {
				return codec.encode(server, reply);
			}
			finally {
				ReferenceCountUtil.release(reply);
			}
		}
		ByteBuf encoded = connections(server).encode(reply);
		try {
			return ByteBufUtil.getBytes(encoded);
		}
		finally {
			encoded.release();
		}
	}

	/**
	 * Turns bytes from another node back into a message, for requests and replies, which need the message itself.
	 */
	Object decode(String server, byte[] bytes) throws Exception {
		ClusterMessageCodec codec = this.codec;
		if (codec != null) {
			return codec.decode(server, bytes);
		}
		SocketServer socketServer = this.servers.get(server);
		if (!(socketServer.config().codec() instanceof MessageCodec<?> messageCodec)) {
			throw new IllegalStateException("Socket server '" + server + "' encodes in its pipeline");
		}
		MessageDecoder<?> decoder = messageCodec.newDecoder();
		Object message = decoder.decode(Unpooled.wrappedBuffer(bytes));
		if (message == null) {
			throw new IllegalArgumentException("Incomplete message from another node for socket server '" + server
					+ "'");
		}
		return message;
	}

	int deliverToIdentity(String server, String identity, byte[] bytes) {
		ConnectionManager connections = connections(server);
		if (this.codec != null) {
			return connections.sendToIdentity(identity, this.codec.decode(server, bytes));
		}
		return connections.sendEncodedToIdentity(identity, copy(bytes));
	}

	int deliverToGroup(String server, String group, byte[] bytes) {
		ConnectionManager connections = connections(server);
		if (this.codec != null) {
			return connections.sendToGroup(group, this.codec.decode(server, bytes), null);
		}
		return connections.sendEncodedToGroup(group, copy(bytes), null);
	}

	int deliverToAll(String server, byte[] bytes) {
		ConnectionManager connections = connections(server);
		if (this.codec != null) {
			return connections.broadcast(this.codec.decode(server, bytes));
		}
		return connections.broadcastEncoded(copy(bytes), null);
	}

	private static ByteBuf copy(byte[] bytes) {
		return ByteBufAllocator.DEFAULT.ioBuffer(bytes.length).writeBytes(bytes);
	}

	/**
	 * A message encoded for the cluster, and for this node's connections either as the same bytes or as the
	 * message itself. Used once: one of the {@code to…} methods, or {@link #discard()}.
	 */
	static final class Outgoing {

		private final ConnectionManager connections;

		private final byte[] bytes;

		private @Nullable ByteBuf encoded;

		private @Nullable Object message;

		Outgoing(ConnectionManager connections, byte[] bytes, @Nullable ByteBuf encoded, @Nullable Object message) {
			this.connections = connections;
			this.bytes = bytes;
			this.encoded = encoded;
			this.message = message;
		}

		byte[] bytes() {
			return this.bytes;
		}

		int toIdentity(String identity) {
			ByteBuf encoded = this.encoded;
			this.encoded = null;
			Object message = this.message;
			this.message = null;
			return (encoded != null) ? this.connections.sendEncodedToIdentity(identity, encoded)
					: this.connections.sendToIdentity(identity, message);
		}

		int toGroup(String group, @Nullable Predicate<? super Connection> filter) {
			ByteBuf encoded = this.encoded;
			this.encoded = null;
			Object message = this.message;
			this.message = null;
			return (encoded != null) ? this.connections.sendEncodedToGroup(group, encoded, filter)
					: this.connections.sendToGroup(group, message, filter);
		}

		int toAll() {
			ByteBuf encoded = this.encoded;
			this.encoded = null;
			Object message = this.message;
			this.message = null;
			return (encoded != null) ? this.connections.broadcastEncoded(encoded, null)
					: this.connections.broadcast(message);
		}

		void discard() {
			ReferenceCountUtil.release(this.encoded);
			ReferenceCountUtil.release(this.message);
			this.encoded = null;
			this.message = null;
		}

	}

}
