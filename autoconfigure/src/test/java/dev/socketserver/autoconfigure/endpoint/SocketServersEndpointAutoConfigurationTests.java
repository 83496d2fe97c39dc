package dev.socketserver.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;

import dev.socketserver.autoconfigure.LineClient;
import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import dev.socketserver.wiretap.WireTapEntry;
import dev.socketserver.wiretap.WireTapMasker;
import dev.socketserver.wiretap.WireTapSettings;
import dev.socketserver.wiretap.WireTaps;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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

	@Test
	void wireTapsFollowTheirPropertiesWithNothingMaskedByDefault() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers",
					"socket.wiretap.default-frames=5", "socket.wiretap.max-frames=50", "socket.wiretap.max-taps=1",
					"socket.wiretap.default-duration=2s", "socket.wiretap.max-duration=1m",
					"socket.wiretap.max-bytes-per-frame=1KB", "socket.wiretap.max-message-length=80")
			.run((context) -> {
				WireTapSettings settings = context.getBean(WireTaps.class).settings();
				assertThat(settings).isEqualTo(new WireTapSettings(5, 50, Duration.ofSeconds(2), Duration.ofMinutes(1),
						1024, 80, 1, null));
			});
	}

	@Test
	void wireTapsKeepSizesOnlyWhenMaskedEvenWithAMaskerBean() {
		this.contextRunner.withUserConfiguration(MaskerConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers", "socket.wiretap.mask=true")
			.run((context) -> assertThat(context.getBean(WireTaps.class).settings().masker())
				.isSameAs(WireTapMasker.SIZES_ONLY));
	}

	@Test
	void wireTapsUseAMaskerBean() {
		this.contextRunner.withUserConfiguration(MaskerConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers")
			.run((context) -> assertThat(context.getBean(WireTaps.class).settings().masker())
				.isSameAs(context.getBean(WireTapMasker.class)));
	}

	@Test
	void wireTapsAbsentWhenDisabledAndTheEndpointRefusesTaps() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers",
					"socket.wiretap.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(WireTaps.class);
				SocketServer echo = context.getBean(SocketServer.class);
				echo.start();
				try (LineClient client = LineClient.connect(echo.port())) {
					assertThat(client.exchange("up")).isEqualTo("up");
					String id = echo.connections().stream().findFirst().orElseThrow().id();
					assertThat(context.getBean(SocketServersEndpoint.class).startTap("echo", id, "tap", 10, null))
						.isNull();
				}
			});
	}

	@Test
	void wireTapsFailToStartWithDefaultsBeyondTheirMaximum() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=socketservers",
					"socket.wiretap.default-frames=10", "socket.wiretap.max-frames=5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.wiretap")
				.hasMessageContaining("'defaultFrames' must be positive and at most 'maxFrames'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class MaskerConfiguration {

		@Bean
		WireTapMasker redactingMasker() {
			return WireTapEntry::sizeOnly;
		}

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
