package dev.socketserver.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration-reference.md} the rendering of the generated configuration metadata, so that the
 * reference cannot drift from the code: the build fails when they differ. Run with
 * {@code -Dreference.update=true} to rewrite the page after changing a property.
 */
class ConfigurationReferenceTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Path REFERENCE = Path.of("..", "docs", "configuration-reference.md");

	private static final String DEFAULTS = "socket.defaults.";

	private static final String CLIENT_DEFAULTS = "socket.client-defaults.";

	@Test
	void theReferenceIsTheRenderingOfTheMetadata() throws Exception {
		String rendered = render(readMetadata());
		if (Boolean.getBoolean("reference.update")) {
			Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
			.as("docs/configuration-reference.md is out of date: run mvn -pl autoconfigure test "
					+ "-Dtest=ConfigurationReferenceTests -Dreference.update=true")
			.isEqualTo(rendered);
	}

	private static JsonNode readMetadata() throws Exception {
		// The module's own output, not one of the metadata files of Boot's jars on the test class path.
		URL location = SocketServerProperties.class.getProtectionDomain().getCodeSource().getLocation();
		try (InputStream in = location.toURI().resolve(METADATA).toURL().openStream()) {
			return JsonMapper.shared().readTree(in);
		}
	}

	static String render(JsonNode metadata) {
		Map<String, JsonNode> global = new TreeMap<>();
		Map<String, Map<String, JsonNode>> perServer = new TreeMap<>();
		Map<String, Map<String, JsonNode>> perClient = new TreeMap<>();
		Map<String, JsonNode> management = new TreeMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith(DEFAULTS)) {
				section(perServer, name.substring(DEFAULTS.length()), property);
			}
			else if (name.startsWith(CLIENT_DEFAULTS)) {
				section(perClient, name.substring(CLIENT_DEFAULTS.length()), property);
			}
			else if (name.startsWith("socket.")) {
				if (!name.equals("socket.servers") && !name.equals("socket.clients")) {
					global.put(name, property);
				}
			}
			else {
				management.put(name, property);
			}
		}
		StringBuilder md = new StringBuilder();
		md.append("# Configuration reference\n\n");
		md.append("<!-- Generated from the auto-configuration's spring-configuration-metadata.json by "
				+ "ConfigurationReferenceTests; do not edit by hand. -->\n\n");
		md.append("Every property of the starter, with its type, default and description, as the build's "
				+ "configuration metadata\nhas them (the same text an IDE shows). The build fails when this page "
				+ "and the metadata differ; to\nrewrite it after changing a property, run\n"
				+ "`mvn -pl autoconfigure -am test -Dtest=ConfigurationReferenceTests -Dreference.update=true "
				+ "-Dsurefire.failIfNoSpecifiedTests=false`.\n\n");
		md.append("[Back to the README](../README.md) · [All documentation](README.md) · "
				+ "[Configuration guide](configuration.md)\n\n");
		md.append("## Shared by all servers and clients\n\n");
		table(md, global.values(), "");
		md.append("## Each server\n\n");
		md.append("Set under `socket.servers.<name>.` for one server, or under `socket.defaults.` for every server "
				+ "(a server's own\nvalue wins). The keys below are shown without that prefix.\n\n");
		perServer.forEach((section, properties) -> {
			md.append("### ").append(section.isEmpty() ? "The server itself" : "`" + section + ".*`").append("\n\n");
			table(md, properties.values(), DEFAULTS);
		});
		md.append("## Each client\n\n");
		md.append("Set under `socket.clients.<name>.` for one client ([clients](clients.md)), or under "
				+ "`socket.client-defaults.` for every\nclient (a client's own value wins). The keys below are shown "
				+ "without that prefix.\n\n");
		perClient.forEach((section, properties) -> {
			md.append("### ").append(section.isEmpty() ? "The client itself" : "`" + section + ".*`").append("\n\n");
			table(md, properties.values(), CLIENT_DEFAULTS);
		});
		md.append("## Actuator\n\n");
		table(md, management.values(), "");
		return md.toString();
	}

	private static void section(Map<String, Map<String, JsonNode>> sections, String key, JsonNode property) {
		String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : "";
		sections.computeIfAbsent(section, (ignored) -> new TreeMap<>()).put(key, property);
	}

	private static void table(StringBuilder md, Iterable<JsonNode> properties, String prefix) {
		md.append("| property | type | default | description |\n|---|---|---|---|\n");
		for (JsonNode property : properties) {
			String name = property.get("name").asString().substring(prefix.length());
			md.append("| `").append(name).append("` | ").append(type(property)).append(" | ")
				.append(defaultValue(property)).append(" | ").append(cell(text(property, "description")))
				.append(" |\n");
		}
		md.append('\n');
	}

	private static String type(JsonNode property) {
		String type = text(property, "type");
		String simple = simpleName(type);
		List<String> values = enumValues(type);
		return values.isEmpty() ? simple : simple + " (" + String.join(", ", values) + ")";
	}

	private static String simpleName(String type) {
		StringBuilder simple = new StringBuilder();
		for (String part : type.split("(?<=[<>,])|(?=[<>,])")) {
			String trimmed = part.trim();
			int dot = trimmed.lastIndexOf('.');
			int dollar = trimmed.lastIndexOf('$');
			simple.append(trimmed.substring(Math.max(dot, dollar) + 1));
			if (trimmed.equals(",")) {
				simple.append(' ');
			}
		}
		return simple.toString().replace("<", "&lt;").replace(">", "&gt;");
	}

	private static List<String> enumValues(String type) {
		if (type.isEmpty() || type.contains("<")) {
			return List.of();
		}
		try {
			// Metadata names nested types by their binary names (Outer$Inner), which Class.forName takes as they are.
			Class<?> candidate = Class.forName(type);
			if (!candidate.isEnum()) {
				return List.of();
			}
			return Arrays.stream(candidate.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.toList());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return List.of();
		}
	}

	private static String defaultValue(JsonNode property) {
		JsonNode value = property.get("defaultValue");
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return items.isEmpty() ? "" : "`" + visible(String.join(", ", items)) + "`";
		}
		return "`" + visible(value.asString()) + "`";
	}

	// A NUL delimiter written raw makes Git treat the page as binary: control characters are shown as escapes.
	private static String visible(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '\0' -> out.append("\\0");
				case '\r' -> out.append("\\r");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\x%02x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	private static String text(JsonNode property, String field) {
		JsonNode value = property.get(field);
		return (value != null && !value.isNull()) ? value.asString() : "";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

}
