package dev.socketserver.cluster.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties table of {@code docs/cluster.md} lists exactly the properties of this module's generated
 * configuration metadata, and each of them has a description there.
 */
class ClusterPropertiesDocumentationTests {

	private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

	@Test
	void theDocumentedPropertiesAreThoseOfTheMetadata() throws IOException {
		String all = Files.readString(METADATA, StandardCharsets.UTF_8);
		// The groups of nested properties (socket.cluster.delivery, …) are no properties.
		String metadata = all.substring(all.indexOf("\"properties\""));
		Set<String> generated = matches(metadata, "\"name\": \"(socket\\.cluster\\.[a-z.-]+)\"");
		Set<String> documented = matches(Files.readString(Path.of("..", "docs", "cluster.md"), StandardCharsets.UTF_8),
				"(?m)^\\| `(socket\\.cluster\\.[a-z.-]+)` \\|");
		assertThat(documented).isEqualTo(generated).contains("socket.cluster.enabled", "socket.cluster.node-ttl");
		assertThat(matches(metadata, "\"description\": \"([^\"]+)\"")).hasSameSizeAs(generated);
	}

	private static Set<String> matches(String text, String regex) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = Pattern.compile(regex).matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

}
