package dev.socketserver.demo.devices;

import java.nio.charset.StandardCharsets;

import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.demo.DemoTest;
import dev.socketserver.test.client.SocketTestClient;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.socketserver.test.assertj.SocketServerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@DemoTest
class DeviceGatewayTests {

	private static final MessageCodec<String> JSON_LINES = MessageCodec.of(new LineFraming(16 * 1024,
			LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8));

	@Autowired
	SocketTestClients clients;

	@Test
	void deviceAuthenticatesSendsTelemetryAndADisplayQueriesItsStatus() {
		Device device = connect();
		Device display = connect();
		device.authenticate("pump-7");
		assertThat(device.client().serverConnection()).hasPrincipal("pump-7").hasIdentity("pump-7");
		assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":21.5,\"seq\":1}"))
			.isEqualTo("{\"type\":\"ack\",\"seq\":1}");
		display.authenticate("display-1");
		assertThat(display.exchange("{\"type\":\"status\",\"deviceId\":\"pump-7\"}"))
			.isEqualTo("{\"type\":\"status\",\"deviceId\":\"pump-7\",\"online\":true,"
					+ "\"last\":{\"sensor\":\"temp\",\"value\":21.5,\"seq\":1}}");
		assertThat(display.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
	}

	@Test
	void messagesBeforeAuthenticationAreAnsweredAndNotHandled() {
		Device device = connect();
		assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":1,\"seq\":1}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"authenticate first\"}");
		assertThat(device.exchange("{\"type\":\"hello\",\"deviceId\":\"pump-7\"}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"authenticate first\"}");
		assertThat(device.exchange("{\"type\":\"auth\",\"deviceId\":\"pump-7\"}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"auth needs deviceId and token\"}");
		device.authenticate("pump-7");
	}

	@Test
	void invalidAndUnknownMessagesAreAnsweredWithErrorsAndTheConnectionStaysOpen() {
		Device device = connect();
		device.authenticate("pump-8");
		assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"\",\"value\":1,\"seq\":1}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"validation failed\","
					+ "\"violations\":[{\"field\":\"sensor\",\"message\":\"must not be blank\"}]}");
		assertThat(device.exchange("{\"type\":\"reboot\"}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"unknown type reboot\"}");
		assertThat(device.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
	}

	@Test
	void aWrongTokenOrAnUnknownDeviceIsAnsweredAlikeAndClosed() {
		Device device = connect();
		assertThat(device.exchange("{\"type\":\"auth\",\"deviceId\":\"pump-7\",\"token\":\"pump-8-demo-token\"}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"authentication failed\"}");
		device.expectClosed(CloseReason.AUTHENTICATION_FAILED);
		Device stranger = connect();
		assertThat(stranger.exchange("{\"type\":\"auth\",\"deviceId\":\"pump-9\",\"token\":\"pump-9-demo-token\"}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"authentication failed\"}");
		stranger.expectClosed(CloseReason.AUTHENTICATION_FAILED);
	}

	@Test
	void aDeviceWithoutTheAuthorityIsRefusedTelemetryAndStaysConnected() {
		Device display = connect();
		display.authenticate("display-1");
		assertThat(display.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":99,\"seq\":1}"))
			.isEqualTo("{\"type\":\"error\",\"error\":\"forbidden\",\"authority\":\"telemetry:write\"}");
		assertThat(display.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
	}

	@Test
	void aDeviceThatConnectsAgainReplacesItsOlderConnection() {
		Device older = connect();
		Device newer = connect();
		older.authenticate("pump-7");
		newer.authenticate("pump-7");
		older.expectClosed(CloseReason.REPLACED);
		assertThat(newer.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":20,\"seq\":2}"))
			.isEqualTo("{\"type\":\"ack\",\"seq\":2}");
	}

	/**
	 * Connects a device that writes and reads JSON lines as text, so that replies are compared as the server
	 * wrote them, field order included.
	 */
	private Device connect() {
		return new Device(this.clients.builder("devices").codec(JSON_LINES).connect());
	}

	private record Device(SocketTestClient client) {

		/**
		 * Authenticates with the device's demo token ({@code application.yml}).
		 */
		void authenticate(String deviceId) {
			assertThat(exchange("{\"type\":\"auth\",\"deviceId\":\"" + deviceId + "\",\"token\":\"" + deviceId
					+ "-demo-token\"}"))
				.isEqualTo("{\"type\":\"authenticated\",\"deviceId\":\"" + deviceId + "\"}");
		}

		String exchange(String json) {
			return (String) this.client.request(json);
		}

		void expectClosed(CloseReason reason) {
			this.client.expectClosed(reason);
		}

	}

}
