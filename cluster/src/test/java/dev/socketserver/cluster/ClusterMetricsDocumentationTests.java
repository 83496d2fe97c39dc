package dev.socketserver.cluster;

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

import dev.socketserver.cluster.metrics.ClusterMeters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster table of {@code docs/observability.md} lists exactly the meters of {@link ClusterMeters}.
 */
class ClusterMetricsDocumentationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(socket\\.cluster\\.[a-z.]+)` \\|", Pattern.MULTILINE);

	@Test
	void theDocumentedClusterMetersAreTheMetersOfTheCode() throws IOException {
		Set<String> registered = Arrays.stream(ClusterMeters.values())
			.map(ClusterMeters::meterName)
			.collect(Collectors.toCollection(TreeSet::new));
		String page = Files.readString(Path.of("..", "docs", "observability.md"), StandardCharsets.UTF_8);
		Set<String> documented = new TreeSet<>();
		Matcher row = ROW.matcher(page);
		while (row.find()) {
			documented.add(row.group(1));
		}
		assertThat(documented).isEqualTo(registered);
	}

}
