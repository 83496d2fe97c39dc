package dev.socketserver.autoconfigure.metrics;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.socketserver.autoconfigure.LineClient;
import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.autoconfigure.SocketServerCustomizer;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.AuthenticationStep;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.dispatch.HandlerTimer;
import dev.socketserver.metrics.RecordingHandlerTimer;
import dev.socketserver.metrics.SocketServerMeters;
import dev.socketserver.metrics.SocketServerMetrics;
import dev.socketserver.metrics.SocketServerNettyMetrics;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SocketServerMetricsAutoConfigurationTests {

	private static final String HANDLER_DURATION = SocketServerMeters.HANDLER_DURATION.getName();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
				SocketServerMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.servers.echo.port=0");

	@Test
	void registersEveryServerMeterTaggedWithTheServerName() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (SocketServerMeters meter : SocketServerMeters.values()) {
				Search search = registry.find(meter.getName());
				if (meter != SocketServerMeters.EVENT_LOOP_CONNECTIONS) {
					search = search.tag(SocketServerMeters.SERVER_TAG, "echo");
				}
				if (meter == SocketServerMeters.AUTHENTICATIONS || meter == SocketServerMeters.FORBIDDEN) {
					assertThat(search.meters()).as(meter.getName() + " of a server that does not authenticate")
						.isEmpty();
				}
				else if (meter.getName().startsWith("socket.server.requests.")) {
					assertThat(search.meters()).as(meter.getName() + " of a server without correlation").isEmpty();
				}
				else {
					assertThat(search.meters()).as(meter.getName()).isNotEmpty();
				}
			}
			assertThat(registry.find(SocketServerMeters.CONNECTIONS_CLOSED.getName()).functionCounters())
				.extracting((counter) -> counter.getId().getTag(SocketServerMeters.REASON_TAG))
				.contains("peer-closed", "closed-by-admin", "heartbeat-timeout", "frame-too-large");
			assertThat(registry.find(SocketServerMeters.CONNECTIONS_REJECTED.getName()).functionCounters())
				.extracting((counter) -> counter.getId().getTag(SocketServerMeters.REASON_TAG))
				.containsExactlyInAnyOrder("connection-limit", "access-denied", "rate-limited");
			assertThat(registry.get(SocketServerMeters.DATA_RECEIVED.getName()).functionCounter().getId().getBaseUnit())
				.isEqualTo("bytes");
		});
	}

	@Test
	void requestMetersAreRegisteredForServersThatCorrelateReplies() {
		this.contextRunner.withPropertyValues("socket.servers.echo.requests.correlation=in-order").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(SocketServerMeters.REQUESTS_SENT.getName())
				.tag(SocketServerMeters.SERVER_TAG, "echo")
				.functionCounter()
				.count()).isZero();
			assertThat(registry.get(SocketServerMeters.REQUESTS_REPLIES.getName()).functionTimer().count()).isZero();
			assertThat(registry.get(SocketServerMeters.REQUESTS_TIMED_OUT.getName()).functionCounter()).isNotNull();
			assertThat(registry.get(SocketServerMeters.REQUESTS_FAILED.getName()).functionCounter()).isNotNull();
		});
	}

	@Test
	void authenticationMetersAreRegisteredForServersThatAuthenticate() {
		this.contextRunner
			.withBean("tokens", SocketAuthenticator.class,
					() -> (connection, message) -> AuthenticationStep.rejected("no"))
			.withPropertyValues("socket.servers.echo.auth.authenticator=tokens")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (SocketServerMeters meter : new SocketServerMeters[] { SocketServerMeters.AUTHENTICATIONS,
						SocketServerMeters.FORBIDDEN }) {
					assertThat(registry.find(meter.getName()).tag(SocketServerMeters.SERVER_TAG, "echo").meters())
						.as(meter.getName())
						.isNotEmpty();
				}
			});
	}

	@Test
	void metersFollowRealTraffic() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			SocketServer echo = context.getBean(SocketServer.class);
			try (LineClient client = LineClient.connect(echo.port())) {
				assertThat(client.exchange("hello")).isEqualTo("hello");
				assertThat(client.exchange("world")).isEqualTo("world");
				await().untilAsserted(() -> {
					assertThat(gauge(registry, SocketServerMeters.CONNECTIONS_ACTIVE)).isEqualTo(1);
					assertThat(count(registry, SocketServerMeters.CONNECTIONS_OPENED)).isEqualTo(1);
					assertThat(count(registry, SocketServerMeters.MESSAGES_RECEIVED)).isEqualTo(2);
					assertThat(count(registry, SocketServerMeters.MESSAGES_SENT)).isEqualTo(2);
					assertThat(count(registry, SocketServerMeters.DATA_RECEIVED)).isEqualTo(12);
					assertThat(count(registry, SocketServerMeters.DATA_SENT)).isEqualTo(12);
					assertThat(registry.get(SocketServerMeters.EVENT_LOOP_CONNECTIONS.getName()).gauge().value())
						.isEqualTo(1);
				});
			}
			await().untilAsserted(() -> {
				assertThat(gauge(registry, SocketServerMeters.CONNECTIONS_ACTIVE)).isZero();
				assertThat(registry.get(SocketServerMeters.CONNECTIONS_CLOSED.getName())
					.tag(SocketServerMeters.REASON_TAG, "peer-closed")
					.functionCounter()
					.count()).isEqualTo(1);
				assertThat(registry.get(SocketServerMeters.EVENT_LOOP_CONNECTIONS.getName()).gauge().value())
					.isZero();
			});
		});
	}

	@Test
	void handlerTimeIsAFunctionTimerOverTheServersSumsByDefault() {
		this.contextRunner.run((context) -> {
			SocketServer echo = context.getBean(SocketServer.class);
			assertThat(echo.config().handlerTimer()).isSameAs(HandlerTimer.SUMS_ONLY);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(HANDLER_DURATION).timer()).isNull();
			FunctionTimer timer = registry.get(HANDLER_DURATION).tag("server", "echo").functionTimer();
			exchangeTwoLines(echo);
			await().untilAsserted(() -> assertThat(timer.count()).isEqualTo(2));
			assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		});
	}

	@Test
	void percentilesHistogramForTheHandlerMeterSwitchesToARecordingTimer() {
		this.contextRunner
			.withPropertyValues(
					"management.metrics.distribution.percentiles-histogram.socket.server.handler.duration=true")
			.run((context) -> {
				SocketServer echo = context.getBean(SocketServer.class);
				assertThat(echo.config().handlerTimer()).isInstanceOf(RecordingHandlerTimer.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find(HANDLER_DURATION).functionTimer()).isNull();
				Timer timer = registry.get(HANDLER_DURATION).tag("server", "echo").timer();
				exchangeTwoLines(echo);
				await().untilAsserted(() -> assertThat(timer.count()).isEqualTo(2));
				assertThat(timer.max(TimeUnit.NANOSECONDS)).isPositive();
			});
	}

	@Test
	void percentilesForAPrefixOfTheHandlerMeterSwitchToARecordingTimer() {
		this.contextRunner.withPropertyValues("management.metrics.distribution.percentiles.socket.server=0.5,0.99")
			.run((context) -> {
				assertThat(context.getBean(SocketServer.class).config().handlerTimer())
					.isInstanceOf(RecordingHandlerTimer.class);
				Timer timer = context.getBean(MeterRegistry.class).get(HANDLER_DURATION).timer();
				assertThat(timer.takeSnapshot().percentileValues()).hasSize(2);
			});
	}

	@Test
	void prometheusRendersTheHandlerHistogramBuckets() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
					SocketServerMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
			.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
					"socket.defaults.codec=line", "socket.servers.echo.port=0",
					"management.metrics.distribution.percentiles-histogram.socket.server.handler=true")
			.run((context) -> {
				exchangeTwoLines(context.getBean(SocketServer.class));
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				await().untilAsserted(() -> assertThat(registry.scrape())
					.contains("socket_server_handler_duration_seconds_count{server=\"echo\"} 2")
					.contains("socket_server_handler_duration_seconds_bucket{server=\"echo\",le=\"+Inf\"} 2"));
			});
	}

	@Test
	void disablingTheHandlerMeterTurnsHandlerTimingOff() {
		this.contextRunner.withPropertyValues("management.metrics.enable.socket.server.handler.duration=false")
			.run((context) -> {
				assertThat(context.getBean(SocketServer.class).config().handlerTimer()).isNull();
				assertThat(context.getBean(MeterRegistry.class).find(HANDLER_DURATION).meters()).isEmpty();
			});
	}

	@Test
	void userCustomizersHaveTheLastWordOnHandlerTiming() {
		this.contextRunner.withUserConfiguration(NoTimingCustomizerConfiguration.class)
			.run((context) -> assertThat(context.getBean(SocketServer.class).config().handlerTimer()).isNull());
	}

	@Test
	void eventLoopAndAllocatorMetersAreRegistered() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("netty.eventexecutor.tasks.pending").gauges()).hasSize(2)
				.extracting((gauge) -> gauge.getId().getTag("name"))
				.anyMatch((name) -> name.contains("worker"))
				.anyMatch((name) -> name.contains("boss"));
			assertThat(registry.get("netty.eventexecutor.workers").gauge().value()).isEqualTo(1);
			assertThat(registry.get(SocketServerMeters.EVENT_LOOP_CONNECTIONS.getName()).gauge().getId().getTag("name"))
				.contains("worker");
			assertThat(registry.find("netty.allocator.memory.used").gauges()).isNotEmpty();
		});
	}

	@Test
	void userDefinedServersAreMeasuredWithoutHandlerTime() {
		this.contextRunner.withUserConfiguration(UserServerConfiguration.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(SocketServerMeters.CONNECTIONS_ACTIVE.getName()).tag("server", "custom").gauge())
				.isNotNull();
			assertThat(registry.find(HANDLER_DURATION).meters()).isEmpty();
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheBinder() {
		this.contextRunner.withUserConfiguration(UserBinderConfiguration.class)
			.run((context) -> assertThat(context).getBeanNames(SocketServerMetrics.class)
				.containsExactly("customMetrics"));
	}

	@Test
	void absentWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class,
					SocketServerMetricsAutoConfiguration.class))
			.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
					"socket.defaults.codec=line", "socket.servers.echo.port=0")
			.run(SocketServerMetricsAutoConfigurationTests::assertNoMetrics);
	}

	@Test
	void absentWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run(SocketServerMetricsAutoConfigurationTests::assertNoMetrics);
	}

	@Test
	void absentWhenSocketServersAreDisabled() {
		this.contextRunner.withPropertyValues("socket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServerMetrics.class)
				.doesNotHaveBean(SocketServerNettyMetrics.class));
	}

	private static void assertNoMetrics(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(SocketServerMetrics.class)
			.doesNotHaveBean(SocketServerNettyMetrics.class)
			.doesNotHaveBean(SocketServerMetricsCustomizer.class);
		assertThat(context.getBean(SocketServer.class).config().handlerTimer()).isNull();
	}

	private static void exchangeTwoLines(SocketServer server) throws Exception {
		try (LineClient client = LineClient.connect(server.port())) {
			assertThat(client.exchange("one")).isEqualTo("one");
			assertThat(client.exchange("two")).isEqualTo("two");
		}
	}

	private static double gauge(MeterRegistry registry, SocketServerMeters meter) {
		Gauge gauge = registry.get(meter.getName()).tag(SocketServerMeters.SERVER_TAG, "echo").gauge();
		return gauge.value();
	}

	private static double count(MeterRegistry registry, SocketServerMeters meter) {
		FunctionCounter counter = registry.get(meter.getName())
			.tag(SocketServerMeters.SERVER_TAG, "echo")
			.functionCounter();
		return counter.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, line) -> connection.offer(line);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoTimingCustomizerConfiguration {

		@Bean
		SocketServerCustomizer noHandlerTiming() {
			return (builder) -> builder.handlerTimer(null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		@Bean
		NettySocketServer customServer(EventLoops eventLoops) {
			return new NettySocketServer(SocketServerConfig.builder("custom")
				.address(InetAddress.getLoopbackAddress())
				.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
						PayloadCodec.string(StandardCharsets.UTF_8)))
				.handler((connection, message) -> connection.offer(message))
				.build(), eventLoops);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBinderConfiguration {

		@Bean
		SocketServerMetrics customMetrics() {
			return new SocketServerMetrics(List.of());
		}

	}

}
