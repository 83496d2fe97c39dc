package dev.socketserver.codec.json;

import java.lang.reflect.Type;
import java.util.List;

import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.codec.PayloadBinder;
import dev.socketserver.codec.Violation;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds decoded JSON messages to payload types with the application's mapper: a record, a POJO, a
 * {@link JsonNode} or the text itself.
 */
final class JsonPayloadBinder implements PayloadBinder {

	private final JsonMapper mapper;

	JsonPayloadBinder(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public @Nullable Binding binding(Type targetType) {
		JavaType type = this.mapper.constructType(targetType);
		Class<?> raw = type.getRawClass();
		if (raw == String.class) {
			return Object::toString;
		}
		if (JsonNode.class.isAssignableFrom(raw)) {
			return (message) -> {
				if (!raw.isInstance(message)) {
					throw new InvalidPayloadException("invalid payload",
							List.of(new Violation("", "expected " + raw.getSimpleName())));
				}
				return message;
			};
		}
		ObjectReader reader = this.mapper.readerFor(type);
		return (message) -> {
			try {
				return reader.readValue((JsonNode) message);
			}
			catch (JacksonException ex) {
				throw new InvalidPayloadException("invalid payload", List.of(new Violation(path(ex), "invalid value")),
						ex);
			}
		};
	}

	/**
	 * Returns where binding failed, as {@code reading.values[2]}.
	 */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
