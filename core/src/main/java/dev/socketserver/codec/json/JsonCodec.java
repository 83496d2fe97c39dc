package dev.socketserver.codec.json;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Objects;

import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.FrameDecoder;
import dev.socketserver.codec.Framing;
import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.codec.PayloadBinder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.CorruptedFrameException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link MessageCodec} of JSON messages, one per frame: newline-delimited JSON with a {@link LineFraming}, or
 * length-prefixed JSON. Each received frame is decoded to a {@link JsonNode} (blank frames are skipped, malformed
 * JSON closes the connection as a decode error); anything sent is written with the application's
 * {@link JsonMapper}: a {@code JsonNode}, a POJO, a map. A {@code String} is sent as a JSON string.
 * <p>
 * For controllers, it reads a message's type from a field ({@code type} unless configured), binds messages to
 * payload parameters with the mapper, and answers refused messages with
 * {@code {"type":"error","error":"unknown type x"}},
 * {@code {"type":"error","error":"validation failed","violations":[{"field":"name","message":"must not be blank"}]}}
 * or {@code {"type":"error","error":"forbidden","authority":"valve:write"}}.
 *
 * @since 0.1.0
 */
public final class JsonCodec
		implements MessageCodec<Object>, MessageTypeResolver<JsonNode>, PayloadBinder, ErrorReplies {

	/**
	 * Name of the type field unless configured.
	 */
	public static final String DEFAULT_TYPE_FIELD = "type";

	private final JsonMapper mapper;

	private final ObjectReader treeReader;

	private final ObjectWriter writer;

	private final Framing framing;

	private final String typeField;

	private final JsonPayloadBinder binder;

	private final JsonErrorReplies errors;

	private JsonCodec(Builder builder) {
		this.mapper = builder.mapper;
		// One value per frame whatever the application's mapper says, and never a line break inside a line.
		this.treeReader = this.mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.writer = this.mapper.writer()
			.without(SerializationFeature.INDENT_OUTPUT)
			.without(StreamWriteFeature.AUTO_CLOSE_TARGET);
		this.framing = builder.framing;
		this.typeField = builder.typeField;
		this.binder = new JsonPayloadBinder(this.mapper);
		this.errors = new JsonErrorReplies(this.mapper, this.typeField);
	}

	/**
	 * Starts a codec that uses the given mapper.
	 * @param mapper the application's mapper
	 * @return the builder
	 */
	public static Builder builder(JsonMapper mapper) {
		return new Builder(mapper);
	}

	/**
	 * Returns the name of the field holding a message's type.
	 * @return the field name
	 */
	public String typeField() {
		return this.typeField;
	}

	@Override
	public MessageDecoder<Object> newDecoder() {
		return new JsonDecoder(this.framing.newDecoder(), this.treeReader);
	}

	@Override
	public void encode(Object message, ByteBuf out) throws Exception {
		int start = this.framing.beginFrame(out);
		this.writer.writeValue((OutputStream) new ByteBufOutputStream(out), message);
		this.framing.endFrame(out, start);
	}

	@Override
	public @Nullable String resolveType(JsonNode message) {
		JsonNode value = message.get(this.typeField);
		if (value == null) {
			return null;
		}
		if (value.isString()) {
			return value.stringValue();
		}
		return (value.isNumber() || value.isBoolean()) ? value.asString() : null;
	}

	@Override
	public @Nullable Binding binding(Type targetType) {
		return this.binder.binding(targetType);
	}

	@Override
	public ObjectNode unknownType(@Nullable String type) {
		return this.errors.unknownType(type);
	}

	@Override
	public ObjectNode invalidPayload(InvalidPayloadException error) {
		return this.errors.invalidPayload(error);
	}

	@Override
	public ObjectNode forbidden(String authority) {
		return this.errors.forbidden(authority);
	}

	@Override
	public String toString() {
		return "JSON over " + this.framing + ", type field '" + this.typeField + "'";
	}

	private static final class JsonDecoder implements MessageDecoder<Object> {

		private final FrameDecoder frames;

		private final ObjectReader reader;

		JsonDecoder(FrameDecoder frames, ObjectReader reader) {
			this.frames = frames;
			this.reader = reader;
		}

		@Override
		public @Nullable Object decode(ByteBuf in) throws Exception {
			for (;;) {
				int length = this.frames.nextFrame(in);
				if (length == FrameDecoder.INCOMPLETE) {
					return null;
				}
				int start = in.readerIndex();
				JsonNode node = isBlank(in, start, length) ? null : parse(in, start, length);
				in.readerIndex(start + length);
				this.frames.endFrame(in);
				// Blank lines between messages are common in hand-written NDJSON: skip them, not the connection.
				if (node != null) {
					return node;
				}
			}
		}

		private JsonNode parse(ByteBuf in, int start, int length) {
			try {
				if (in.hasArray()) {
					return this.reader.readTree(in.array(), in.arrayOffset() + start, length);
				}
				return this.reader.readTree((InputStream) new ByteBufInputStream(in.slice(start, length)));
			}
			catch (JacksonException ex) {
				throw new CorruptedFrameException("Malformed JSON: " + ex.getOriginalMessage());
			}
		}

		private static boolean isBlank(ByteBuf in, int start, int length) {
			for (int i = start; i < start + length; i++) {
				byte b = in.getByte(i);
				if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * Builder of a {@link JsonCodec}.
	 */
	public static final class Builder {

		private final JsonMapper mapper;

		private Framing framing = new LineFraming(1024 * 1024, LineFraming.LineDelimiter.LF);

		private String typeField = DEFAULT_TYPE_FIELD;

		private Builder(JsonMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
		}

		/**
		 * Sets how messages are framed. Defaults to lines of at most 1MB (newline-delimited JSON).
		 * @param framing the framing
		 * @return this builder
		 */
		public Builder framing(Framing framing) {
			this.framing = Objects.requireNonNull(framing, "'framing' must not be null");
			return this;
		}

		/**
		 * Sets the name of the field holding a message's type.
		 * @param typeField the field name
		 * @return this builder
		 */
		public Builder typeField(String typeField) {
			Objects.requireNonNull(typeField, "'typeField' must not be null");
			if (typeField.isEmpty()) {
				throw new IllegalArgumentException("'typeField' must not be empty");
			}
			this.typeField = typeField;
			return this;
		}

		/**
		 * Builds the codec.
		 * @return the codec
		 */
		public JsonCodec build() {
			return new JsonCodec(this);
		}

	}

}
