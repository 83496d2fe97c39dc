package dev.socketserver.autoconfigure;

import java.nio.ByteOrder;
import java.util.List;

import dev.socketserver.autoconfigure.SocketServerProperties.ByteOrderType;
import dev.socketserver.autoconfigure.SocketServerProperties.Payload;
import dev.socketserver.autoconfigure.SocketServerProperties.Server;
import dev.socketserver.codec.Codec;
import dev.socketserver.codec.DelimiterFraming;
import dev.socketserver.codec.FixedLengthFraming;
import dev.socketserver.codec.Framing;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The codecs a server can name in {@code socket.servers.<name>.codec} without defining a bean.
 */
final class BuiltInCodecs {

	static final List<String> NAMES = List.of("line", "length-field", "delimiter", "fixed-length", "raw", "json");

	private BuiltInCodecs() {
	}

	/**
	 * Creates the built-in codec of the given name from a server's properties.
	 * @return the codec, or {@code null} if no built-in codec has that name
	 */
	static @Nullable Codec<?> create(String serverName, Server server, ListableBeanFactory beanFactory) {
		String prefix = "socket.servers." + serverName + ".";
		int maxFrameLength = (int) server.getMaxFrameLength().toBytes();
		if ("json".equals(server.getCodec())) {
			Framing framing = (server.getJson().getFraming() == SocketServerProperties.JsonFraming.LINE)
					? new LineFraming(maxFrameLength, server.getLine().getDelimiter())
					: lengthField(prefix, server, maxFrameLength);
			return JsonCodecs.create(prefix, server, framing, beanFactory);
		}
		Framing framing = switch (server.getCodec()) {
			case "line" -> new LineFraming(maxFrameLength, server.getLine().getDelimiter());
			case "length-field" -> lengthField(prefix, server, maxFrameLength);
			case "delimiter" -> new DelimiterFraming(server.getDelimiter().getValue().getBytes(server.getCharset()),
					maxFrameLength);
			case "fixed-length" -> fixedLength(prefix, server);
			case "raw" -> new dev.socketserver.codec.RawFraming(maxFrameLength);
			default -> null;
		};
		if (framing == null) {
			return null;
		}
		return switch (payloadOf(server)) {
			case BYTES -> MessageCodec.of(framing, PayloadCodec.bytes());
			case STRING -> MessageCodec.of(framing, PayloadCodec.string(server.getCharset()));
			case BUFFER -> MessageCodec.of(framing, PayloadCodec.buffer());
		};
	}

	/**
	 * Returns the message type of a server's built-in codec: as configured, else strings for lines and bytes for
	 * the others.
	 */
	static Payload payloadOf(Server server) {
		Payload payload = server.getPayload();
		if (payload != null) {
			return payload;
		}
		return "line".equals(server.getCodec()) ? Payload.STRING : Payload.BYTES;
	}

	private static Framing lengthField(String prefix, Server server, int maxFrameLength) {
		SocketServerProperties.LengthField properties = server.getLengthField();
		try {
			return LengthFieldFraming.builder()
				.lengthFieldLength(properties.getLength())
				.lengthFieldOffset(properties.getOffset())
				.lengthAdjustment(properties.getAdjustment())
				.byteOrder((properties.getByteOrder() == ByteOrderType.BIG_ENDIAN) ? ByteOrder.BIG_ENDIAN
						: ByteOrder.LITTLE_ENDIAN)
				.maxFrameLength(maxFrameLength)
				.stripHeader(properties.isStripHeader())
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + "length-field.strip-header",
					properties.isStripHeader(), ex.getMessage());
		}
	}

	private static Framing fixedLength(String prefix, Server server) {
		if (server.getFixedLength().getLength() == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "fixed-length.length", null,
					"The fixed-length codec needs the frame length");
		}
		return new FixedLengthFraming((int) server.getFixedLength().getLength().toBytes());
	}

}
