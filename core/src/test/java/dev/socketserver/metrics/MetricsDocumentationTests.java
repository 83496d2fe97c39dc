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
 * The metrics tables of {@code docs/observability.md} list exactly the meters of {@link SocketServerMeters} and
 * {@link SocketClientMeters}: a meter added, renamed or removed in the code fails here until the documentation
 * says so too.
 */
class MetricsDocumentationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(socket\\.[a-z.]+)` \\|", Pattern.MULTILINE);

	@Test
	void theDocumentedServerMetersAreTheMetersOfTheCode() throws IOException {
		Set<String> registered = Arrays.stream(SocketServerMeters.values())
			.map(SocketServerMeters::getName)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(documented("socket.server.")).isEqualTo(registered);
	}

	@Test
	void theDocumentedClientMetersAreTheMetersOfTheCode() throws IOException {
		Set<String> registered = Arrays.stream(SocketClientMeters.values())
			.map(SocketClientMeters::getName)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(documented("socket.client.")).isEqualTo(registered);
	}

	@Test
	void everyDocumentedMeterIsAServerOrAClientMeter() throws IOException {
		// The cluster module checks the socket.cluster meters against the same page.
		assertThat(documented("socket.")).allSatisfy((name) -> assertThat(name)
			.matches("socket\\.(server|client|cluster)\\..*"));
	}

	private static Set<String> documented(String prefix) throws IOException {
		String page = Files.readString(Path.of("..", "docs", "observability.md"), StandardCharsets.UTF_8);
		Set<String> documented = new TreeSet<>();
		Matcher row = ROW.matcher(page);
		while (row.find()) {
			if (row.group(1).startsWith(prefix)) {
				documented.add(row.group(1));
			}
		}
		return documented;
	}

}
