package dev.socketserver.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.socketserver.ServerFixture;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warning a server logs at start when a protection against hostile or broken clients is switched off, and
 * only then.
 */
class DisabledProtectionWarningTests {

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture(1);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(NettySocketServer.class);

	@BeforeEach
	void captureLog() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void serverWithTheDefaultsDoesNotWarn() {
		fixture.start(server("guarded", UnaryOperator.identity()));
		assertThat(warnings()).isEmpty();
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.anySatisfy((line) -> assertThat(line).startsWith("Socket server 'guarded' started"));
	}

	@ParameterizedTest
	@EnumSource(Protection.class)
	void eachProtectionSwitchedOffIsNamedInTheWarning(Protection protection) {
		fixture.start(server("unguarded", protection.off));
		assertThat(warnings()).containsExactly(
				"Socket server 'unguarded' runs without protection: " + protection.label + " switched off");
	}

	@Test
	void everyProtectionSwitchedOffIsListedInOneWarning() {
		UnaryOperator<SocketServerConfig.Builder> allOff = UnaryOperator.identity();
		for (Protection protection : Protection.values()) {
			UnaryOperator<SocketServerConfig.Builder> before = allOff;
			allOff = (builder) -> protection.off.apply(before.apply(builder));
		}
		fixture.start(server("bare", allOff));
		assertThat(warnings()).containsExactly("Socket server 'bare' runs without protection: connection limit, "
				+ "read-idle timeout, first-message timeout, frame timeout, unwritable timeout switched off");
	}

	@Test
	void limitsThatAreOffByDefaultDoNotWarn() {
		fixture.start(server("per-address", (builder) -> builder
			.limits((limits) -> limits.withMaxConnectionsPerAddress(0))));
		assertThat(warnings()).isEmpty();
	}

	private static SocketServerConfig.Builder server(String name, UnaryOperator<SocketServerConfig.Builder> change) {
		return change.apply(SocketServerConfig.builder(name)
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(64, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler((connection, message) -> connection.offer(message)));
	}

	private List<String> warnings() {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	enum Protection {

		CONNECTION_LIMIT("connection limit", (builder) -> builder.limits((limits) -> limits.withMaxConnections(0))),

		READ_IDLE_TIMEOUT("read-idle timeout",
				(builder) -> builder.heartbeat((heartbeat) -> heartbeat.withReadIdleTimeout(Duration.ZERO))),

		FIRST_MESSAGE_TIMEOUT("first-message timeout",
				(builder) -> builder.limits((limits) -> limits.withFirstMessageTimeout(Duration.ZERO))),

		FRAME_TIMEOUT("frame timeout", (builder) -> builder.limits((limits) -> limits.withFrameTimeout(Duration.ZERO))),

		UNWRITABLE_TIMEOUT("unwritable timeout",
				(builder) -> builder.limits((limits) -> limits.withUnwritableTimeout(Duration.ZERO)));

		private final String label;

		private final UnaryOperator<SocketServerConfig.Builder> off;

		Protection(String label, UnaryOperator<SocketServerConfig.Builder> off) {
			this.label = label;
			this.off = off;
		}

	}

}
