package dev.socketserver.securitytests;

import dev.socketserver.connection.SocketHandler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Application with a line echo server whose Actuator endpoints, among them {@code socketservers}, are secured
 * by {@link ActuatorSecurityConfiguration}.
 *
 * @since 0.1.0
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SecuredAdminApplication {

	/**
	 * Echoes each line.
	 * @return the handler
	 */
	@Bean
	SocketHandler<String> echo() {
		return (connection, line) -> connection.send(line);
	}

	/**
	 * Runs the application.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		SpringApplication.run(SecuredAdminApplication.class, args);
	}

}
