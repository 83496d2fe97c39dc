package dev.socketserver.test.client;

import dev.socketserver.codec.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Encodes what a test client sends into the bytes it writes, framing included, releasing every buffer it used.
 */
final class Outbound {

	private Outbound() {
	}

	static byte[] encode(MessageCodec<Object> codec, Object message) {
		try {
			return encodeAs(codec, message);
		}
		catch (ClassCastException ex) {
			if (message instanceof byte[] bytes) {
				// A codec of ByteBuf payloads: what it receives as buffers, tests write as arrays.
				ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
				try {
					return encodeAs(codec, buffer);
				}
				finally {
					buffer.release();
				}
			}
			throw new IllegalArgumentException("Codec " + codec + " cannot encode " + Messages.describe(message)
					+ " of type " + message.getClass().getName(), ex);
		}
	}

	private static byte[] encodeAs(MessageCodec<Object> codec, Object message) {
		ByteBuf out = Unpooled.buffer(codec.sizeHint(message));
		try {
			codec.encode(message, out);
			return ByteBufUtil.getBytes(out);
		}
		catch (ClassCastException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Codec " + codec + " failed to encode " + Messages.describe(message),
					ex);
		}
		finally {
			out.release();
		}
	}

}
