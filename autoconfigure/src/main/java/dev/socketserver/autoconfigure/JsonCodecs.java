package dev.socketserver.autoconfigure;

import dev.socketserver.codec.Codec;
import dev.socketserver.codec.Framing;
import dev.socketserver.codec.json.JsonCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Creates the {@code json} codec with the application's {@link JsonMapper}. Jackson is optional: only this class
 * refers to it, and only servers and clients with {@code codec: json} load it.
 */
final class JsonCodecs {

	private static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

	private JsonCodecs() {
	}

	static Codec<?> create(Declared server, Framing framing, ListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent(JSON_MAPPER, SocketControllers.classLoader(beanFactory))) {
			throw new InvalidConfigurationPropertyValueException(server.property("codec"), "json",
					"The json codec needs Jackson 3 (tools.jackson.core:jackson-databind) on the class path; "
							+ "add spring-boot-starter-jackson");
		}
		// Boot's Jackson auto-configuration makes the application's mapper a bean; without it, Jackson's defaults.
		JsonMapper mapper = beanFactory.getBeanProvider(JsonMapper.class)
			.getIfAvailable(() -> JsonMapper.builder().build());
		return JsonCodec.builder(mapper).framing(framing).typeField(server.codecProperties().getJson().getTypeField())
				.build();
	}

	static Class<?> messageType() {
		return JsonNode.class;
	}

}
