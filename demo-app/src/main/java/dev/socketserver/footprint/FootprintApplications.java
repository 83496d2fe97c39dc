package dev.socketserver.footprint;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import dev.socketserver.connection.SocketHandler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.Bean;

/**
 * Starts one of the two footprint applications: {@code empty} (Boot with the demo's class path, no socket server
 * auto-configuration) or {@code echo} (the same plus one length-field echo server on a free port). Neither reads
 * the demo's {@code application.yml} or starts a web server; each logs Boot's "Started ... (process running for
 * N)" line, which the benchmark reads, and runs until it is stopped.
 */
public final class FootprintApplications {

	private FootprintApplications() {
	}

	public static void main(String[] args) throws InterruptedException {
		String which = (args.length > 0) ? args[0] : "echo";
		SpringApplication application = switch (which) {
			case "empty" -> new SpringApplication(EmptyApplication.class);
			case "echo" -> new SpringApplication(EchoApplication.class);
			default -> throw new IllegalArgumentException("Run 'empty' or 'echo', not " + which);
		};
		application.setWebApplicationType(WebApplicationType.NONE);
		String exclusions = "empty".equals(which) ? socketServerAutoConfigurations() : "";
		application.setDefaultProperties(Map.of("spring.config.name", "footprint",
				"spring.autoconfigure.exclude", exclusions, "socket.servers.echo.port", "0",
				"socket.servers.echo.address", "127.0.0.1", "socket.servers.echo.codec", "length-field",
				"socket.servers.echo.handler", "echo"));
		application.run();
		// Kept alive, also without a server thread, so that its memory can be read; stopped by the benchmark.
		new CountDownLatch(1).await();
	}

	/**
	 * Returns every auto-configuration of this project's modules, so that the empty application has none of
	 * them however the list grows.
	 */
	private static String socketServerAutoConfigurations() {
		List<String> names = StreamSupport
			.stream(ImportCandidates.load(AutoConfiguration.class, FootprintApplications.class.getClassLoader())
				.spliterator(), false)
			.filter((name) -> name.startsWith("dev.socketserver."))
			.toList();
		return names.stream().collect(Collectors.joining(","));
	}

	/**
	 * Boot and the demo's class path, without a socket server.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EmptyApplication {

	}

	/**
	 * One echo server from properties.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EchoApplication {

		@Bean
		SocketHandler<byte[]> echo() {
			return (connection, frame) -> connection.offer(frame);
		}

	}

}
