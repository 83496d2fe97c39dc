package dev.socketserver.autoconfigure.health;


import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.connection.SocketHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SocketServerHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
				SocketServerHealthContributorAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.servers.echo.port=0", "socket.servers.line-echo.port=0");

	@Test
	void contributesOneIndicatorPerServerUnderTheServersName() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CompositeHealthContributor.class)
				.hasBean("socketServersHealthContributor");
			CompositeHealthContributor contributor = context.getBean(CompositeHealthContributor.class);
			assertThat(contributor.stream().map(HealthContributors.Entry::name))
				.containsExactlyInAnyOrder("echo", "line-echo");
			Health echo = ((HealthIndicator) contributor.getContributor("echo")).health();
			assertThat(echo.getStatus()).isEqualTo(Status.UP);
			assertThat(echo.getDetails()).containsEntry("port",
					context.getBean("echoSocketServer", dev.socketserver.server.SocketServer.class).port());
		});
	}

	@Test
	void aSingleServerIsStillAComponentOfTheComposite() {
		this.contextRunner.withPropertyValues("socket.servers.line-echo.enabled=false").run((context) -> {
			CompositeHealthContributor contributor = context.getBean(CompositeHealthContributor.class);
			assertThat(contributor.getContributor("echo")).isInstanceOf(SocketServerHealthIndicator.class);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheIndicator() {
		this.contextRunner.withUserConfiguration(UserIndicatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean("socketServersHealthContributor")
				.hasBean("socketServersHealthIndicator"));
	}

	@Test
	void offWhenDisabledByProperty() {
		this.contextRunner.withPropertyValues("management.health.socketservers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("socketServersHealthContributor"));
	}

	@Test
	void offWhenHealthIndicatorsAreOffByDefault() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("socketServersHealthContributor"));
	}

	@Test
	void absentWithoutServers() {
		this.contextRunner.withPropertyValues("socket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("socketServersHealthContributor"));
	}

	@Test
	void absentWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("socketServersHealthContributor"));
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, line) -> connection.offer(line);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserIndicatorConfiguration {

		@Bean
		HealthIndicator socketServersHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
