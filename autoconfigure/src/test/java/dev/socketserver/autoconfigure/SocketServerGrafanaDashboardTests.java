package dev.socketserver.autoconfigure;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard shipped in {@code docs/grafana} against what a running application really exports: every
 * metric its queries name must be in a scrape of {@code /actuator/prometheus} over HTTP. The application opts in to
 * the handler histogram, as the dashboard's percentile panel tells users to.
 */
@SpringBootTest(classes = SocketServerGrafanaDashboardTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "socket.worker-threads=1", "socket.servers.echo.address=127.0.0.1",
				"socket.servers.echo.port=0", "socket.servers.echo.codec=line",
				"management.endpoints.web.exposure.include=prometheus",
				"management.metrics.distribution.percentiles-histogram[socket.server.handler.duration]=true" })
class SocketServerGrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "socket-server-dashboard.json");

	private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	/**
	 * Identifiers not followed by an opening parenthesis: possessive, so that {@code rate(} cannot match as
	 * {@code rat}.
	 */
	private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Pattern LABEL_VALUES_METRIC = Pattern
		.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@LocalServerPort
	int httpPort;

	@Autowired
	SocketServer echo;

	@Test
	void everyMetricTheDashboardQueriesIsExported() throws Exception {
		assertThat(DASHBOARD).as("dashboard, relative to the module").isRegularFile();
		JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(DASHBOARD));
		Set<String> queried = queriedMetrics(dashboard);
		assertThat(queried).contains("socket_server_connections_active",
				"socket_server_handler_duration_seconds_bucket");
		// Timers are only scraped once they timed something: one message through the handler.
		try (Socket client = new Socket(InetAddress.getLoopbackAddress(), this.echo.port())) {
			client.setSoTimeout((int) TIMEOUT.toMillis());
			client.getOutputStream().write("ping me\n".getBytes(StandardCharsets.UTF_8));
			assertThat(new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))
				.readLine()).isEqualTo("ping me");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(exported()).containsAll(queried));
		}
	}

	/**
	 * Metric names in the PromQL of every panel (rows included) and every templating query.
	 */
	private static Set<String> queriedMetrics(JsonNode dashboard) {
		Set<String> metrics = new TreeSet<>();
		List<String> expressions = new ArrayList<>();
		collectExpressions(dashboard.path("panels"), expressions);
		assertThat(expressions).as("panel queries").hasSizeGreaterThan(10);
		for (String expression : expressions) {
			metrics.addAll(metricsIn(expression));
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			String definition = variable.path("definition").asString("");
			Matcher matcher = LABEL_VALUES_METRIC.matcher(definition);
			while (matcher.find()) {
				metrics.add(matcher.group(1));
			}
		}
		return metrics;
	}

	private static void collectExpressions(JsonNode panels, List<String> expressions) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				String expression = target.path("expr").asString("");
				if (!expression.isBlank()) {
					expressions.add(expression);
				}
			}
			collectExpressions(panel.path("panels"), expressions);
		}
	}

	static Set<String> metricsIn(String expression) {
		String names = QUOTED.matcher(expression).replaceAll("\"\"");
		names = names.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ").replaceAll("\\$\\w+", " ");
		names = GROUPING.matcher(names).replaceAll(" ");
		Set<String> metrics = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(names);
		while (matcher.find()) {
			if (!KEYWORDS.contains(matcher.group().toLowerCase())) {
				metrics.add(matcher.group());
			}
		}
		return metrics;
	}

	@Test
	void metricNamesAreFoundInPromQl() {
		assertThat(metricsIn("histogram_quantile(0.99, sum by (server, le) (rate(a_bucket{job=~\"$job\"}"
				+ "[$__rate_interval])))")).containsExactly("a_bucket");
		assertThat(metricsIn("sum by (server) (rate(x_total{s=\"a{b}\"}[5m])) / on (server) y > 0 and z"))
			.containsExactly("x_total", "y", "z");
	}

	private Set<String> exported() throws Exception {
		URI prometheus = URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/prometheus");
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(prometheus).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		Set<String> names = new TreeSet<>();
		for (String line : response.body().split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				names.add(line.split("[{ ]", 2)[0]);
			}
		}
		return names;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, message) -> connection.offer(message);
		}

	}

}
