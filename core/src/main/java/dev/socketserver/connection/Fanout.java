package dev.socketserver.connection;

import java.util.function.Predicate;

import dev.socketserver.codec.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import org.jspecify.annotations.Nullable;

/**
 * Sends one message to many connections of a server: encoded once, its bytes shared by the recipients (one copy
 * per event loop, so that recipients on different loops do not contend on one reference count). Each
 * recipient's share counts against its outbound limit from the moment it is queued; one over it is skipped or
 * closed by the slow-consumer policy, never waited for.
 */
final class Fanout {

	private final String serverName;

	private final @Nullable MessageCodec<Object> codec;

	private final ByteBufAllocator allocator;

	private final int loops;

	Fanout(String serverName, @Nullable MessageCodec<Object> codec, ByteBufAllocator allocator, int loops) {
		this.serverName = serverName;
		this.codec = codec;
		this.allocator = allocator;
		this.loops = loops;
	}

	/**
	 * Sends a message to the open connections among the targets that pass the filter; releases the message.
	 * @return the number of connections it was handed to
	 */
	int deliver(Iterable<ChannelConnection> targets, Object message, @Nullable Predicate<? super Connection> filter) {
		MessageCodec<Object> codec = this.codec;
		if (codec == null) {
			return deliverOneByOne(targets, message, filter);
		}
		ByteBuf encoded;
		try {
			encoded = encode(codec, message);
		}
		catch (RuntimeException ex) {
			ReferenceCountUtil.release(message);
			throw ex;
		}
		try {
			return deliverEncoded(targets, encoded, filter, message);
		}
		finally {
			// Released last: a tapped recipient shows the message.
			ReferenceCountUtil.release(message);
		}
	}

	/**
	 * Whether messages are encoded into bytes here, so that bytes encoded elsewhere can be sent as they are.
	 */
	boolean encodes() {
		return this.codec != null;
	}

	/**
	 * Encodes a message as a connection would, framing included; releases the message.
	 * @throws IllegalStateException when the server's codec is made of pipeline handlers
	 */
	ByteBuf encode(Object message) {
		MessageCodec<Object> codec = this.codec;
		try {
			if (codec == null) {
				throw new IllegalStateException("Socket server '" + this.serverName
						+ "' encodes in its pipeline (a ChannelHandlerCodec): its messages have no shared encoding");
			}
			return encode(codec, message);
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	/**
	 * Sends bytes encoded by the server's codec, framing included, to the open connections among the targets that
	 * pass the filter; releases the bytes.
	 * @return the number of connections they were handed to
	 */
	int deliverEncoded(Iterable<ChannelConnection> targets, ByteBuf encoded,
			@Nullable Predicate<? super Connection> filter) {
		return deliverEncoded(targets, encoded, filter, null);
	}

	/**
	 * Sends encoded bytes; a tap on a recipient sees them, with the message they encode when it is known here.
	 */
	private int deliverEncoded(Iterable<ChannelConnection> targets, ByteBuf encoded,
			@Nullable Predicate<? super Connection> filter, @Nullable Object message) {
		ByteBuf[] perLoop = new ByteBuf[this.loops];
		boolean originalTaken = false;
		try {
			int count = 0;
			for (ChannelConnection connection : targets) {
				if (!connection.isOpen() || (filter != null && !filter.test(connection))
						|| !connection.outbound.admitOutbound(null)) {
					continue;
				}
				int loop = connection.loopIndex;
				ByteBuf source = encoded;
				if (loop >= 0) {
					source = perLoop[loop];
					if (source == null) {
						source = originalTaken ? encoded.copy() : encoded.retain();
						originalTaken = true;
						perLoop[loop] = source;
					}
				}
				FrameListener tap = connection.outbound.tap;
				if (tap != null) {
					tap.sent(encoded.slice(), (message != null) ? FrameTaps.contentOf(message) : null);
				}
				// Queued for the recipient's loop, where it counts against the recipient's outbound limit until
				// written: one drain task per recipient however many broadcasts wait, never one per message.
				connection.outbound.writeOutbound(source.retainedDuplicate(), null);
				count++;
			}
			InboundStage.chargeFanOut(count);
			return count;
		}
		finally {
			for (ByteBuf copy : perLoop) {
				if (copy != null) {
					copy.release();
				}
			}
			encoded.release();
		}
	}

	private ByteBuf encode(MessageCodec<Object> codec, Object message) {
		ByteBuf buffer = this.allocator.ioBuffer(codec.sizeHint(message));
		try {
			codec.encode(message, buffer);
			return buffer;
		}
		catch (Throwable ex) {
			buffer.release();
			throw new IllegalArgumentException(
					"Could not encode a " + message.getClass().getName() + " for socket server '"
							+ this.serverName + "'",
					ex);
		}
	}

	/**
	 * Sends to each recipient in turn: a codec made of Netty handlers encodes in each pipeline.
	 */
	private static int deliverOneByOne(Iterable<ChannelConnection> targets, Object message,
			@Nullable Predicate<? super Connection> filter) {
		int count = 0;
		try {
			for (ChannelConnection connection : targets) {
				if (connection.isOpen() && (filter == null || filter.test(connection))) {
					if (message instanceof ReferenceCounted counted) {
						counted.retain();
					}
					if (connection.offer(message)) {
						count++;
					}
				}
			}
			return count;
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

}
