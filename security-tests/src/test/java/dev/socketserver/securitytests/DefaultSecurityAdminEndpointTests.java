package dev.socketserver.securitytests;

import java.net.http.HttpResponse;

import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin endpoint behind Spring Boot's default security, without a chain of the application's: reads work
 * with HTTP Basic, but CSRF protection, on by default, refuses the DELETE that closes a connection, even with
 * the right credentials; {@link ActuatorSecurityConfiguration} shows the chain that lets it through.
 */
@SpringBootTest(classes = DefaultSecurityAdminEndpointTests.DefaultSecurityApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.servers.echo.port=0", "management.endpoints.web.exposure.include=health,socketservers" })
class DefaultSecurityAdminEndpointTests {

	@LocalServerPort
	int httpPort;

	@Autowired
	SocketServer echo;

	@Test
	void basicAuthenticatedDeleteIsRefusedForWantOfACsrfTokenAsUnauthorized() throws Exception {
		AdminHttp http = new AdminHttp(this.httpPort);
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			String path = "/actuator/socketservers/echo/" + client.serverConnection().id();
			assertThat(http.get(path, "operator", "operator-password").statusCode()).isEqualTo(200);
			HttpResponse<String> delete = http.delete(path, "operator", "operator-password");
			// The CsrfFilter runs before the BasicAuthenticationFilter and answers 403 for want of a token. Its
			// error is rendered by /error, which the default chain also secures; that dispatch carries no
			// authentication, since the credentials were never read, so the entry point turns it into a 401
			// with a Basic challenge: right credentials, "unauthorized" answer.
			assertThat(delete.statusCode()).isEqualTo(401);
			assertThat(delete.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Basic"));
			client.send("still here").expect("still here");
		}
	}

	/**
	 * The application without {@link ActuatorSecurityConfiguration}: no component scan.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultSecurityApplication {

		@Bean
		SocketHandler<String> echo() {
			return (connection, line) -> connection.send(line);
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}operator-password").roles("ACTUATOR").build());
		}

	}

}
