package dev.socketserver.demo.resp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of RESP2, written from the protocol description, for driving the demo's server with a
 * {@code SocketTestClient}: a command ({@code List} of {@link String}s and {@code byte[]}s) goes out as an
 * array of bulk strings, a reply comes back as a Java value.
 * <p>
 * Replies: a simple string is a {@link String}, an error an {@link Error}, an integer a {@link Long}, a bulk
 * string a {@code byte[]}, an array a {@link List}; nil is {@code null} inside an array and {@link #NIL} on its
 * own, since a decoder's {@code null} means "not whole yet" ({@link #value(Object)} turns it into {@code null}).
 */
final class RespClientCodec implements MessageCodec<Object> {

	/**
	 * A nil bulk string or array as a whole reply.
	 */
	static final Object NIL = new Object() {

		@Override
		public String toString() {
			return "(nil)";
		}

	};

	@Override
	public MessageDecoder<Object> newDecoder() {
		return RespClientCodec::decode;
	}

	@Override
	public void encode(Object message, ByteBuf out) {
		out.writeBytes(command(((List<?>) message).toArray()));
	}

	/**
	 * Encodes a command as an array of bulk strings; each argument is a {@link String} or a {@code byte[]}.
	 */
	static byte[] command(Object... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (Object arg : args) {
			byte[] value = (arg instanceof byte[] raw) ? raw : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
			bytes.writeBytes(("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			bytes.writeBytes(value);
			bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		return bytes.toByteArray();
	}

	/**
	 * Returns a reply as the tests compare it: {@code null} for nil.
	 */
	static @Nullable Object value(Object reply) {
		return (reply == NIL) ? null : reply;
	}

	/**
	 * Returns a bulk string reply as text.
	 */
	static String text(@Nullable Object reply) {
		return new String((byte[]) reply, StandardCharsets.UTF_8);
	}

	private static @Nullable Object decode(ByteBuf in) {
		int start = in.readerIndex();
		Object reply = read(in);
		if (reply == null) {
			in.readerIndex(start);
			return null;
		}
		return reply;
	}

	/**
	 * Reads one reply, or returns {@code null} if the buffer does not hold all of it.
	 */
	private static @Nullable Object read(ByteBuf in) {
		if (!in.isReadable()) {
			return null;
		}
		byte type = in.readByte();
		String line = readLine(in);
		if (line == null) {
			return null;
		}
		return switch (type) {
			case '+' -> line;
			case '-' -> new Error(line);
			case ':' -> Long.parseLong(line);
			case '$' -> readBulk(in, Integer.parseInt(line));
			case '*' -> readArray(in, Integer.parseInt(line));
			default -> throw new CorruptedFrameException("Unexpected reply type '" + (char) type + "' followed by "
					+ line);
		};
	}

	private static @Nullable Object readBulk(ByteBuf in, int length) {
		if (length < 0) {
			return NIL;
		}
		if (in.readableBytes() < length + 2) {
			return null;
		}
		byte[] value = new byte[length];
		in.readBytes(value);
		if (in.readByte() != '\r' || in.readByte() != '\n') {
			throw new CorruptedFrameException("Bulk string of " + length + " bytes not ended by CRLF");
		}
		return value;
	}

	private static @Nullable Object readArray(ByteBuf in, int length) {
		if (length < 0) {
			return NIL;
		}
		List<@Nullable Object> items = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			Object item = read(in);
			if (item == null) {
				return null;
			}
			items.add(value(item));
		}
		return items;
	}

	private static @Nullable String readLine(ByteBuf in) {
		int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
		if (end < 0) {
			return null;
		}
		int length = end - in.readerIndex();
		if (length == 0 || in.getByte(end - 1) != '\r') {
			throw new CorruptedFrameException("Reply line not ended by CRLF");
		}
		String line = in.toString(in.readerIndex(), length - 1, StandardCharsets.UTF_8);
		in.readerIndex(end + 1);
		return line;
	}

	/**
	 * An error reply.
	 * @param message its text, such as {@code ERR syntax error}
	 */
	record Error(String message) {
	}

}
