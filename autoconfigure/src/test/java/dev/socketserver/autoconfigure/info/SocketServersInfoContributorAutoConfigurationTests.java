package dev.socketserver.autoconfigure.info;

import java.util.List;
import java.util.Map;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SocketServersInfoContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
				SocketServersInfoContributorAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.servers.echo.port=0");

	@Test
	@SuppressWarnings("unchecked")
	void contributesNettyVersionAndEachServersTransportAndPort() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketServersInfoContributor.class);
			Info.Builder builder = new Info.Builder();
			context.getBean(SocketServersInfoContributor.class).contribute(builder);
			Map<String, Object> details = (Map<String, Object>) builder.build().get("socketServers");
			assertThat((Map<String, Object>) details.get("netty")).hasEntrySatisfying("version",
					(version) -> assertThat((String) version).startsWith("4.2."));
			SocketServer echo = context.getBean(SocketServer.class);
			assertThat((Map<String, Object>) details.get("servers")).containsOnlyKeys("echo");
			assertThat((Map<String, Object>) ((Map<String, Object>) details.get("servers")).get("echo"))
				.containsEntry("transport", echo.transport())
				.containsEntry("address", "127.0.0.1")
				.containsEntry("port", echo.port());
		});
	}

	@Test
	void offWhenDisabledByProperty() {
		this.contextRunner.withPropertyValues("management.info.socketservers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServersInfoContributor.class));
	}

	@Test
	void offWhenInfoContributorsAreOffByDefault() {
		this.contextRunner.withPropertyValues("management.info.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServersInfoContributor.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheContributor() {
		this.contextRunner.withUserConfiguration(UserContributorConfiguration.class)
			.run((context) -> assertThat(context).getBeanNames(SocketServersInfoContributor.class)
				.containsExactly("customContributor"));
	}

	@Test
	void absentWithoutServers() {
		this.contextRunner.withPropertyValues("socket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServersInfoContributor.class));
	}

	@Test
	void absentWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(InfoContributor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SocketServersInfoContributor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, line) -> connection.offer(line);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserContributorConfiguration {

		@Bean
		SocketServersInfoContributor customContributor() {
			return new SocketServersInfoContributor(List.of());
		}

	}

}
