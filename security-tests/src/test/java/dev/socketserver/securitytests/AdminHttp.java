package dev.socketserver.securitytests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Requests to the Actuator endpoints of an application on the loopback interface, with HTTP Basic credentials
 * sent up front rather than after a challenge.
 */
final class AdminHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final int port;

	AdminHttp(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path, @Nullable String user, @Nullable String password) throws Exception {
		return send("GET", path, user, password);
	}

	HttpResponse<String> delete(String path, @Nullable String user, @Nullable String password) throws Exception {
		return send("DELETE", path, user, password);
	}

	/**
	 * Posts an empty JSON body, as Actuator's write operations expect; their parameters are in the query.
	 */
	HttpResponse<String> post(String path, @Nullable String user, @Nullable String password) throws Exception {
		return send("POST", path, user, password);
	}

	private HttpResponse<String> send(String method, String path, @Nullable String user, @Nullable String password)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT)
			.method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
					: HttpRequest.BodyPublishers.noBody());
		if ("POST".equals(method)) {
			request.header("Content-Type", "application/json");
		}
		if (user != null) {
			String credentials = user + ":" + password;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
