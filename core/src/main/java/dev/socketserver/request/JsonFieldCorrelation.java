package dev.socketserver.request;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ids in a top-level field of JSON messages: trees as the JSON codec decodes them, maps, and records or beans
 * with an accessor of the field's name.
 */
final class JsonFieldCorrelation implements Correlation<Object> {

	private final String field;

	private final ClassValue<@Nullable Method> accessors = new ClassValue<>() {

		@Override
		protected @Nullable Method computeValue(Class<?> type) {
			return accessor(type);
		}

	};

	JsonFieldCorrelation(String field) {
		Objects.requireNonNull(field, "'field' must not be null");
		if (field.isBlank()) {
			throw new IllegalArgumentException("'field' must not be blank");
		}
		this.field = field;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object requestId(Object request, long sequence) throws Exception {
		if (request instanceof ObjectNode node) {
			JsonNode id = node.get(this.field);
			if (id == null || id.isNull()) {
				node.put(this.field, sequence);
				return Long.toString(sequence);
			}
			return id.asString();
		}
		if (request instanceof Map<?, ?> map) {
			Object id = map.get(this.field);
			if (id == null) {
				((Map<String, Object>) map).put(this.field, sequence);
				return Long.toString(sequence);
			}
			return id.toString();
		}
		Method accessor = this.accessors.get(request.getClass());
		Object id = (accessor != null) ? accessor.invoke(request) : null;
		if (id == null) {
			throw new IllegalArgumentException("Request of type " + request.getClass().getName() + " has no '"
					+ this.field + "' to correlate its reply with");
		}
		return id.toString();
	}

	@Override
	public @Nullable Object replyId(Object message) {
		if (message instanceof JsonNode node) {
			JsonNode id = node.get(this.field);
			return (id == null || id.isNull() || id.isContainer()) ? null : id.asString();
		}
		if (message instanceof Map<?, ?> map) {
			Object id = map.get(this.field);
			return (id != null) ? id.toString() : null;
		}
		return null;
	}

	private @Nullable Method accessor(Class<?> type) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals(this.field)) {
					return accessible(component.getAccessor());
				}
			}
			return null;
		}
		String getter = "get" + Character.toUpperCase(this.field.charAt(0)) + this.field.substring(1);
		try {
			return accessible(type.getMethod(getter));
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private static @Nullable Method accessible(Method method) {
		try {
			method.setAccessible(true);
			return method;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "JSON field '" + this.field + "'";
	}

}
