package dev.socketserver.codec.json;

import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.codec.Violation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON error replies: {@code {"type":"error","error":"unknown type x"}}, {@code "validation failed"} with its
 * violations, and {@code "forbidden"} with the missing {@code "authority"}.
 */
final class JsonErrorReplies implements ErrorReplies {

	private final JsonMapper mapper;

	private final String typeField;

	JsonErrorReplies(JsonMapper mapper, String typeField) {
		this.mapper = mapper;
		this.typeField = typeField;
	}

	@Override
	public ObjectNode unknownType(@Nullable String type) {
		return error((type != null) ? "unknown type " + type : "missing " + this.typeField);
	}

	@Override
	public ObjectNode invalidPayload(InvalidPayloadException error) {
		ObjectNode reply = error(String.valueOf(error.getMessage()));
		if (!error.getViolations().isEmpty()) {
			ArrayNode violations = reply.putArray("violations");
			for (Violation violation : error.getViolations()) {
				violations.addObject().put("field", violation.field()).put("message", violation.message());
			}
		}
		return reply;
	}

	@Override
	public ObjectNode forbidden(String authority) {
		ObjectNode reply = error("forbidden");
		reply.put("authority", authority);
		return reply;
	}

	private ObjectNode error(String text) {
		ObjectNode reply = this.mapper.createObjectNode();
		reply.put(this.typeField, "error");
		reply.put("error", text);
		return reply;
	}

}
