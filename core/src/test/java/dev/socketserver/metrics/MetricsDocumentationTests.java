package dev.socketserver.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics table of {@code docs/observability.md} lists exactly the meters of {@link SocketServerMeters}: a
 * meter added, renamed or removed in the code fails here until the documentation says so too.
 */
class MetricsDocumentationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(socket\\.[a-z.]+)` \\|", Pattern.MULTILINE);

	@Test
	void theDocumentedMetersAreTheMetersOfTheCode() throws IOException {
		String page = Files.readString(Path.of("..", "docs", "observability.md"), StandardCharsets.UTF_8);
		Set<String> documented = new TreeSet<>();
		Matcher row = ROW.matcher(page);
		while (row.find()) {
			documented.add(row.group(1));
		}
		Set<String> registered = Arrays.stream(SocketServerMeters.values())
			.map(SocketServerMeters::getName)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(documented).isEqualTo(registered);
	}

}
