package dev.socketserver.demo.resp;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * Encodes the replies of one connection, written between two flushes, into a single buffer, as Redis fills one
 * reply buffer per client: a pipeline of 16 commands costs one buffer and one socket write, not 16.
 * <p>
 * The buffer is handed on when it reaches {@link #MAX_PENDING_BYTES}, so what is held here stays small and the
 * channel's write-buffer water marks (which pause reading) see the rest. Anything else written (such as the empty
 * buffer of a graceful close) goes after the replies before it.
 */
final class RespReplyEncoder extends ChannelOutboundHandlerAdapter {

	static final int MAX_PENDING_BYTES = 64 * 1024;

	private static final int INITIAL_CAPACITY = 1024;

	private static final short CRLF = ('\r' << 8) | '\n';

	private static final byte[] OK = ByteBufUtil.decodeHexDump("2b4f4b0d0a");

	private static final byte[] PONG = ByteBufUtil.decodeHexDump("2b504f4e470d0a");

	private @Nullable ByteBuf pending;

	/** Promises of replies in {@link #pending} that someone waits on; most writes use the void promise. */
	private @Nullable List<ChannelPromise> promises;

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (!(msg instanceof RedisMessage reply)) {
			writePending(ctx);
			ctx.write(msg, promise);
			return;
		}
		ByteBuf buffer = this.pending;
		if (buffer == null) {
			buffer = ctx.alloc().ioBuffer(Math.max(INITIAL_CAPACITY, sizeHint(reply)));
			this.pending = buffer;
		}
		int mark = buffer.writerIndex();
		try {
			encode(reply, buffer);
		}
		catch (RuntimeException ex) {
			buffer.writerIndex(mark);
			promise.setFailure(ex);
			return;
		}
		finally {
			ReferenceCountUtil.release(reply);
		}
		if (!promise.isVoid()) {
			if (this.promises == null) {
				this.promises = new ArrayList<>();
			}
			this.promises.add(promise);
		}
		if (buffer.readableBytes() >= MAX_PENDING_BYTES) {
			writePending(ctx);
		}
	}

	@Override
	public void flush(ChannelHandlerContext ctx) {
		writePending(ctx);
		ctx.flush();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		ByteBuf buffer = this.pending;
		if (buffer != null) {
			this.pending = null;
			buffer.release();
		}
		List<ChannelPromise> waiting = this.promises;
		if (waiting != null) {
			this.promises = null;
			EncoderException closed = new EncoderException("Connection closed before the reply was written");
			waiting.forEach((promise) -> promise.tryFailure(closed));
		}
	}

	private void writePending(ChannelHandlerContext ctx) {
		ByteBuf buffer = this.pending;
		if (buffer == null) {
			return;
		}
		this.pending = null;
		List<ChannelPromise> waiting = this.promises;
		if (waiting == null) {
			ctx.write(buffer, ctx.voidPromise());
			return;
		}
		this.promises = null;
		ChannelPromise written = ctx.newPromise();
		written.addListener((future) -> {
			for (ChannelPromise promise : waiting) {
				if (future.isSuccess()) {
					promise.trySuccess();
				}
				else {
					promise.tryFailure(future.cause());
				}
			}
		});
		ctx.write(buffer, written);
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
