package dev.socketserver.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that the annotation processor generated for {@code socket.*} (IDE completion and
 * documentation) against {@link SocketServerProperties} itself: every property is there, described, and with the
 * default the code really has. Iterates whatever properties exist, so new groups are covered as they come.
 */
class SocketServerConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static Map<String, JsonNode> properties;

	private static JsonNode metadata;

	@BeforeAll
	static void readGeneratedMetadata() throws Exception {
		// The module's own output, not one of the metadata files of Boot's jars on the test class path.
		URL location = SocketServerProperties.class.getProtectionDomain().getCodeSource().getLocation();
		try (InputStream in = location.toURI().resolve(METADATA).toURL().openStream()) {
			metadata = JsonMapper.shared().readTree(in);
		}
		properties = new LinkedHashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("socket.")) {
				properties.put(name, property);
			}
		}
		assertThat(properties).containsKeys("socket.transport", "socket.defaults.port",
				"socket.client-defaults.endpoints", "socket.client-defaults.reconnect.jitter");
	}

	@Test
	void everyPropertyHasADescription() {
		assertThat(properties.values()).allSatisfy((property) -> assertThat(text(property, "description"))
			.as(property.get("name").asString())
			.isNotBlank());
	}

	@Test
	void everyPropertyOfTheCodeIsInTheMetadata() {
		Set<String> inCode = new TreeSet<>();
		collectProperties(SocketServerProperties.class, "socket", inCode);
		assertThat(inCode).hasSizeGreaterThan(50);
		assertThat(properties.keySet()).containsAll(inCode);
	}

	@Test
	void everyDefaultOfTheCodeIsInTheMetadataAndTheMetadataDefaultsAreTheCodes() {
		SocketServerProperties code = new SocketServerProperties();
		SocketServerProperties documented = bindMetadataDefaults();
		BeanWrapper codeValues = new BeanWrapperImpl(code);
		BeanWrapper documentedValues = new BeanWrapperImpl(documented);
		List<String> problems = new ArrayList<>();
		for (JsonNode property : properties.values()) {
			String name = property.get("name").asString();
			String path = beanPath(name);
			if (!codeValues.isReadableProperty(path)) {
				// Keys only read by conditions (socket.enabled) live in the additional metadata, not in the class.
				continue;
			}
			Object inCode = codeValues.getPropertyValue(path);
			if (!property.has("defaultValue")) {
				if (!isUnset(inCode)) {
					problems.add(name + " has no default in the metadata, but " + inCode + " in the code");
				}
			}
			else if (!Objects.equals(inCode, documentedValues.getPropertyValue(path))) {
				problems.add(name + " is documented with default " + property.get("defaultValue") + ", but is "
						+ inCode + " in the code");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void beanReferenceHintsNameTypesThatExist() {
		List<String> targets = new ArrayList<>();
		for (JsonNode hint : metadata.path("hints")) {
			for (JsonNode provider : hint.path("providers")) {
				if (provider.path("name").asString().equals("spring-bean-reference")) {
					targets.add(provider.path("parameters").path("target").asString());
				}
			}
		}
		assertThat(targets).isNotEmpty().allSatisfy((target) -> assertThat(loads(target)).as(target).isTrue());
	}

	/**
	 * Binds every documented default onto fresh properties, with the converters and units ({@code @DurationUnit})
	 * that a real application would apply to the same text.
	 */
	private static SocketServerProperties bindMetadataDefaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		properties.forEach((name, property) -> {
			JsonNode value = property.get("defaultValue");
			if (value != null && !value.isNull()) {
				defaults.put(name, value.isArray() ? joined(value) : value.asString());
			}
		});
		return new Binder(new MapConfigurationPropertySource(defaults)).bind("socket", SocketServerProperties.class)
			.orElseGet(SocketServerProperties::new);
	}

	private static String joined(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return String.join(",", values);
	}

	/**
	 * Null, or an empty collection: what the processor rightly leaves without a default.
	 */
	private static boolean isUnset(Object value) {
		return value == null || (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty());
	}

	/**
	 * Collects the keys of a properties class as Boot binds them: writable properties and maps are keys, read-only
	 * nested groups of ours are descended into.
	 */
	private static void collectProperties(Class<?> type, String prefix, Set<String> keys) {
		for (PropertyDescriptor descriptor : new BeanWrapperImpl(type).getPropertyDescriptors()) {
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String key = prefix + "." + kebab(descriptor.getName());
			if (descriptor.getWriteMethod() != null || Map.class.isAssignableFrom(propertyType)) {
				keys.add(key);
			}
			else if (propertyType.getPackageName().startsWith(SocketServerProperties.class.getPackageName())
					&& !propertyType.isEnum()) {
				collectProperties(propertyType, key, keys);
			}
		}
	}

	private static String beanPath(String name) {
		return List.of(name.substring("socket.".length()).split("\\."))
			.stream()
			.map(SocketServerConfigurationMetadataTests::camel)
			.collect(Collectors.joining("."));
	}

	private static String camel(String kebab) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	private static String kebab(String camel) {
		StringBuilder kebab = new StringBuilder();
		for (char c : camel.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString();
	}

	private static String text(JsonNode property, String field) {
		JsonNode value = property.get(field);
		return (value != null) ? value.asString() : "";
	}

	private static boolean loads(String className) {
		try {
			Class.forName(className, false, SocketServerConfigurationMetadataTests.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
