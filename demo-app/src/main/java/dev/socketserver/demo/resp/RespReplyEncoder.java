package dev.socketserver.demo.resp;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;

/**
 * Writes RESP2 replies, the types of Netty's {@code io.netty.handler.codec.redis} and {@link BulkReply}. Stateless:
 * the server gathers the replies to one read into a single buffer, so a pipeline of 16 commands costs one buffer
 * and one socket write, as Redis fills one reply buffer per client.
 */
final class RespReplyEncoder {

	private static final short CRLF = ('\r' << 8) | '\n';

	private static final byte[] OK = ByteBufUtil.decodeHexDump("2b4f4b0d0a");

	private static final byte[] PONG = ByteBufUtil.decodeHexDump("2b504f4e470d0a");

	private RespReplyEncoder() {
	}

	/**
	 * Appends one reply to {@code out}.
	 * @throws EncoderException if the message is not a RESP2 reply
	 */
	static void encode(RedisMessage message, ByteBuf out) {
		if (message == RespReplies.OK) {
			out.writeBytes(OK);
		}
		else if (message == RespReplies.PONG) {
			out.writeBytes(PONG);
		}
		else if (message instanceof BulkReply bulk) {
			writeBulk(bulk.value(), out);
		}
		else if (message instanceof FullBulkStringRedisMessage bulk) {
			writeBulk(bulk, out);
		}
		else if (message instanceof IntegerRedisMessage integer) {
			out.writeByte(':');
			RespNumbers.writeDecimal(out, integer.value());
			out.writeShort(CRLF);
		}
		else if (message instanceof SimpleStringRedisMessage simple) {
			writeLine('+', simple.content(), out);
		}
		else if (message instanceof ErrorRedisMessage error) {
			writeLine('-', error.content(), out);
		}
		else if (message instanceof ArrayRedisMessage array) {
			writeArray(array, out);
		}
		else {
			throw new EncoderException("Not a RESP2 reply: " + message.getClass().getName());
		}
	}

	private static void writeBulk(FullBulkStringRedisMessage bulk, ByteBuf out) {
		if (bulk.isNull()) {
			out.writeByte('$').writeByte('-').writeByte('1').writeShort(CRLF);
			return;
		}
		ByteBuf content = bulk.content();
		out.writeByte('$');
		RespNumbers.writeDecimal(out, content.readableBytes());
		out.writeShort(CRLF);
		out.writeBytes(content, content.readerIndex(), content.readableBytes());
		out.writeShort(CRLF);
	}

	private static void writeBulk(byte[] value, ByteBuf out) {
		out.writeByte('$');
		RespNumbers.writeDecimal(out, value.length);
		out.writeShort(CRLF);
		out.writeBytes(value);
		out.writeShort(CRLF);
	}

	private static void writeArray(ArrayRedisMessage array, ByteBuf out) {
		if (array.isNull()) {
			out.writeByte('*').writeByte('-').writeByte('1').writeShort(CRLF);
			return;
		}
		List<RedisMessage> children = array.children();
		out.writeByte('*');
		RespNumbers.writeDecimal(out, children.size());
		out.writeShort(CRLF);
		for (RedisMessage child : children) {
			encode(child, out);
		}
	}

	/**
	 * Writes a simple string or error; a line break inside would end the reply early, so it becomes a space as in
	 * Redis's own error replies.
	 */
	private static void writeLine(char type, String content, ByteBuf out) {
		out.writeByte(type);
		int start = out.writerIndex();
		ByteBufUtil.writeUtf8(out, content);
		for (int i = start; i < out.writerIndex(); i++) {
			byte value = out.getByte(i);
			if (value == '\r' || value == '\n') {
				out.setByte(i, ' ');
			}
		}
		out.writeShort(CRLF);
	}

	/**
	 * Estimates the encoded size of a reply.
	 */
	static int sizeHint(RedisMessage message) {
		if (message instanceof BulkReply bulk) {
			return bulk.value().length + 16;
		}
		if (message instanceof FullBulkStringRedisMessage bulk) {
			return bulk.content().readableBytes() + 16;
		}
		if (message instanceof ArrayRedisMessage array) {
			int size = 16;
			for (RedisMessage child : array.children()) {
				size += sizeHint(child);
			}
			return size;
		}
		if (message instanceof SimpleStringRedisMessage simple) {
			return simple.content().length() + 8;
		}
		if (message instanceof ErrorRedisMessage error) {
			return error.content().length() * 3 + 8;
		}
		return 32;
	}

}
