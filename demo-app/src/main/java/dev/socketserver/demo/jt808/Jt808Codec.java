package dev.socketserver.demo.jt808;

import java.util.Arrays;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The JT808-like wire format: {@code 0x7E}, then header, body and checksum with every {@code 0x7E} inside sent as
 * {@code 0x7D 0x02} and every {@code 0x7D} as {@code 0x7D 0x01}, then {@code 0x7E}. The header is the message id
 * (2 bytes), the body's length in the low 10 bits of 2 properties bytes, the terminal's phone number in 6 BCD bytes
 * and a serial number (2 bytes); the checksum is the XOR of header and body. All numbers are big-endian.
 * <p>
 * Decoding is bounded: a frame whose end flag does not come within the longest escaped frame the header allows
 * is refused before more is buffered, and a bad checksum, length or byte before the start flag closes the
 * connection as a decode error.
 */
@Component("jt808Codec")
public class Jt808Codec implements MessageCodec<Jt808Message> {

	static final byte FLAG = 0x7E;

	static final byte ESCAPE = 0x7D;

	private static final int HEADER = 12;

	/** The longest frame on the wire: every byte of the largest header, body and checksum escaped, and the flags. */
	static final int MAX_WIRE_FRAME = 2 * (HEADER + Jt808Message.MAX_BODY + 1) + 2;

	private static final MessageDecoder<Jt808Message> DECODER = Jt808Codec::decodeFrame;

	@Override
	public MessageDecoder<Jt808Message> newDecoder() {
		// Keeps no state between frames: what is not yet a whole frame stays in the connection's buffer.
		return DECODER;
	}

	@Override
	public void encode(Jt808Message message, ByteBuf out) {
		byte[] body = message.body();
		int checksum = 0;
		out.writeByte(FLAG);
		checksum ^= escapeShort(out, message.messageId());
		checksum ^= escapeShort(out, body.length);
		String terminal = message.terminal();
		for (int i = 0; i < 12; i += 2) {
			int bcd = ((terminal.charAt(i) - '0') << 4) | (terminal.charAt(i + 1) - '0');
			checksum ^= escape(out, bcd);
		}
		checksum ^= escapeShort(out, message.serial());
		for (byte b : body) {
			checksum ^= escape(out, b & 0xFF);
		}
		escape(out, checksum);
		out.writeByte(FLAG);
	}

	@Override
	public int sizeHint(Jt808Message message) {
		// Escapes are rare: header, body, checksum, flags and a little room.
		return HEADER + message.body().length + 8;
	}

	@Override
	public String toString() {
		return "JT808-like frames (0x7E flags, 0x7D escapes, XOR checksum, max " + MAX_WIRE_FRAME + " bytes)";
	}

	private static int escapeShort(ByteBuf out, int value) {
		return escape(out, (value >>> 8) & 0xFF) ^ escape(out, value & 0xFF);
	}

	private static int escape(ByteBuf out, int value) {
		if (value == FLAG) {
			out.writeByte(ESCAPE).writeByte(0x02);
		}
		else if (value == ESCAPE) {
			out.writeByte(ESCAPE).writeByte(0x01);
		}
		else {
			out.writeByte(value);
		}
		return value;
	}

	private static @Nullable Jt808Message decodeFrame(ByteBuf in) {
		int start = in.readerIndex();
		// Back-to-back frames may share no flag or two ("7E ... 7E 7E ... 7E"): a flag right after a frame is skipped.
		while (in.isReadable() && in.getByte(start) == FLAG && in.readableBytes() > 1
				&& in.getByte(start + 1) == FLAG) {
			in.readerIndex(++start);
		}
		if (!in.isReadable()) {
			return null;
		}
		if (in.getByte(start) != FLAG) {
			throw new CorruptedFrameException(String.format("Expected the start flag 0x7E, got 0x%02X",
					in.getByte(start)));
		}
		int end = in.indexOf(start + 1, in.writerIndex(), FLAG);
		if (end < 0) {
			if (in.readableBytes() > MAX_WIRE_FRAME) {
				throw new TooLongFrameException("No end flag within " + MAX_WIRE_FRAME + " bytes");
			}
			return null;
		}
		if (end - start - 1 > MAX_WIRE_FRAME) {
			throw new TooLongFrameException("Frame of " + (end - start + 1) + " bytes, over " + MAX_WIRE_FRAME);
		}
		byte[] frame = unescape(in, start + 1, end);
		in.readerIndex(end + 1);
		return parse(frame);
	}

	private static byte[] unescape(ByteBuf in, int from, int to) {
		byte[] out = new byte[to - from];
		int length = 0;
		for (int i = from; i < to; i++) {
			byte b = in.getByte(i);
			if (b == ESCAPE) {
				if (++i == to) {
					throw new CorruptedFrameException("Escape byte 0x7D at the end of a frame");
				}
				byte next = in.getByte(i);
				if (next == 0x01) {
					b = ESCAPE;
				}
				else if (next == 0x02) {
					b = FLAG;
				}
				else {
					throw new CorruptedFrameException(String.format("Escape 0x7D followed by 0x%02X", next));
				}
			}
			out[length++] = b;
		}
		return (length == out.length) ? out : Arrays.copyOf(out, length);
	}

	private static Jt808Message parse(byte[] frame) {
		if (frame.length < HEADER + 1) {
			throw new CorruptedFrameException("Frame of " + frame.length + " bytes, shorter than a header");
		}
		int checksum = 0;
		for (int i = 0; i < frame.length - 1; i++) {
			checksum ^= frame[i];
		}
		if ((byte) checksum != frame[frame.length - 1]) {
			throw new CorruptedFrameException(String.format("Checksum 0x%02X, expected 0x%02X",
					frame[frame.length - 1], checksum & 0xFF));
		}
		int messageId = ((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF);
		int bodyLength = ((frame[2] & 0x03) << 8) | (frame[3] & 0xFF);
		if (bodyLength != frame.length - HEADER - 1) {
			throw new CorruptedFrameException("Header announces " + bodyLength + " body bytes, frame has "
					+ (frame.length - HEADER - 1));
		}
		StringBuilder terminal = new StringBuilder(12);
		for (int i = 4; i < 10; i++) {
			int high = (frame[i] >>> 4) & 0x0F;
			int low = frame[i] & 0x0F;
			if (high > 9 || low > 9) {
				throw new CorruptedFrameException(String.format("Terminal number byte 0x%02X is not BCD", frame[i]));
			}
			terminal.append((char) ('0' + high)).append((char) ('0' + low));
		}
		int serial = ((frame[10] & 0xFF) << 8) | (frame[11] & 0xFF);
		byte[] body = new byte[bodyLength];
		System.arraycopy(frame, HEADER, body, 0, bodyLength);
		return new Jt808Message(messageId, terminal.toString(), serial, body);
	}

}
