package dev.socketserver.autoconfigure.endpoint;

import java.util.List;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.connection.SocketHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SocketServersEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
				SocketServersEndpointAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.servers.echo.port=0");

	@Test
	void absentUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(SocketServersEndpoint.class)
			.doesNotHaveBean(SocketServersEndpointWebExtension.class));
	}

	@Test
	void createdWithItsWebExtensionWhenExposedOverHttp() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=socketservers")
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketServersEndpoint.class)
					.hasSingleBean(SocketServersEndpointWebExtension.class);
				assertThat(context.getBean(SocketServersEndpoint.class).servers().servers()).containsOnlyKeys("echo");
			});
	}

	@Test
	void absentWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers",
					"management.endpoint.socketservers.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServersEndpoint.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheEndpoint() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers")
			.run((context) -> assertThat(context).getBeanNames(SocketServersEndpoint.class)
				.containsExactly("customEndpoint"));
	}

	@Test
	void absentWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SocketServersEndpoint.class));
	}

	@Test
	void absentWhenSocketServersAreDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers", "socket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServersEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, line) -> connection.offer(line);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		SocketServersEndpoint customEndpoint() {
			return new SocketServersEndpoint(List.of());
		}

	}

}
