package dev.socketserver.autoconfigure;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.socketserver.autoconfigure.SocketServerProperties.ByteOrderType;
import dev.socketserver.autoconfigure.SocketServerProperties.JsonFraming;
import dev.socketserver.autoconfigure.SocketServerProperties.Payload;
import dev.socketserver.codec.Codec;
import dev.socketserver.codec.DelimiterFraming;
import dev.socketserver.codec.FixedLengthFraming;
import dev.socketserver.codec.Framing;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.codec.RawFraming;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The codecs a server or client can name in {@code socket.servers.<name>.codec} or
 * {@code socket.clients.<name>.codec} without defining a bean: the one place that knows their names.
 */
enum BuiltInCodec {

	/** Lines ended by LF or CRLF. */
	LINE("line"),

	/** Frames after a length field. */
	LENGTH_FIELD("length-field"),

	/** Frames ended by a delimiter. */
	DELIMITER("delimiter"),

	/** Frames of one length. */
	FIXED_LENGTH("fixed-length"),

	/** The bytes as they arrive. */
	RAW("raw"),

	/** JSON messages, one per frame. */
	JSON("json");

	private final String propertyValue;

	BuiltInCodec(String propertyValue) {
		this.propertyValue = propertyValue;
	}

	/**
	 * Returns the built-in codec of a name, or {@code null}.
	 */
	static @Nullable BuiltInCodec named(String name) {
		for (BuiltInCodec codec : values()) {
			if (codec.propertyValue.equals(name)) {
				return codec;
			}
		}
		return null;
	}

	/**
	 * Returns every name, for error messages.
	 */
	static String names() {
		return Arrays.stream(values()).map((codec) -> codec.propertyValue).collect(Collectors.joining(", "));
	}

	/**
	 * Returns the message type of a server with this codec: as configured, else strings for lines and bytes for
	 * the others; JSON messages are trees.
	 */
	Payload payload(CodecProperties server) {
		Payload payload = server.getPayload();
		if (payload != null) {
			return payload;
		}
		return (this == LINE) ? Payload.STRING : Payload.BYTES;
	}

	/**
	 * Returns the Java type of the decoded messages.
	 */
	Class<?> messageType(CodecProperties server) {
		if (this == JSON) {
			return JsonCodecs.messageType();
		}
		return switch (payload(server)) {
			case STRING -> String.class;
			case BYTES -> byte[].class;
			case BUFFER -> ByteBuf.class;
		};
	}

	/**
	 * Creates the codec from a server's properties.
	 */
	Codec<?> create(Declared declared, ListableBeanFactory beanFactory) {
		CodecProperties server = declared.codecProperties();
		int maxFrameLength = (int) server.getMaxFrameLength().toBytes();
		if (this == JSON) {
			Framing framing = (server.getJson().getFraming() == JsonFraming.LINE)
					? new LineFraming(maxFrameLength, server.getLine().getDelimiter())
					: lengthField(declared, maxFrameLength);
			return JsonCodecs.create(declared, framing, beanFactory);
		}
		Framing framing = switch (this) {
			case LINE -> new LineFraming(maxFrameLength, server.getLine().getDelimiter());
			case LENGTH_FIELD -> lengthField(declared, maxFrameLength);
			case DELIMITER -> new DelimiterFraming(server.getDelimiter().getValue().getBytes(server.getCharset()),
					maxFrameLength);
			case FIXED_LENGTH -> fixedLength(declared);
			case RAW, JSON -> new RawFraming(maxFrameLength);
		};
		return switch (payload(server)) {
			case BYTES -> MessageCodec.of(framing, PayloadCodec.bytes());
			case STRING -> MessageCodec.of(framing, PayloadCodec.string(server.getCharset()));
			case BUFFER -> MessageCodec.of(framing, PayloadCodec.buffer());
		};
	}

	private static Framing lengthField(Declared declared, int maxFrameLength) {
		SocketServerProperties.LengthField properties = declared.codecProperties().getLengthField();
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
			throw new InvalidConfigurationPropertyValueException(declared.property("length-field.strip-header"),
					properties.isStripHeader(), ex.getMessage());
		}
	}

	private static Framing fixedLength(Declared declared) {
		SocketServerProperties.FixedLength properties = declared.codecProperties().getFixedLength();
		if (properties.getLength() == null) {
			throw new InvalidConfigurationPropertyValueException(declared.property("fixed-length.length"), null,
					"The fixed-length codec needs the frame length");
		}
		return new FixedLengthFraming((int) properties.getLength().toBytes());
	}

}
