package dev.socketserver.demo.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import dev.socketserver.demo.DemoTest;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

@DemoTest
class DeviceGatewayTests {

	@Autowired
	@Qualifier("devices")
	SocketServer devices;

	@Test
	void deviceAuthenticatesSendsTelemetryAndADisplayQueriesItsStatus() throws IOException {
		try (Device device = new Device(this.devices.port()); Device display = new Device(this.devices.port())) {
			device.authenticate("pump-7");
			assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":21.5,\"seq\":1}"))
				.isEqualTo("{\"type\":\"ack\",\"seq\":1}");
			display.authenticate("display-1");
			assertThat(display.exchange("{\"type\":\"status\",\"deviceId\":\"pump-7\"}"))
				.isEqualTo("{\"type\":\"status\",\"deviceId\":\"pump-7\",\"online\":true,"
						+ "\"last\":{\"sensor\":\"temp\",\"value\":21.5,\"seq\":1}}");
			assertThat(display.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void messagesBeforeAuthenticationAreAnsweredAndNotHandled() throws IOException {
		try (Device device = new Device(this.devices.port())) {
			assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":1,\"seq\":1}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"authenticate first\"}");
			assertThat(device.exchange("{\"type\":\"hello\",\"deviceId\":\"pump-7\"}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"authenticate first\"}");
			assertThat(device.exchange("{\"type\":\"auth\",\"deviceId\":\"pump-7\"}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"auth needs deviceId and token\"}");
			device.authenticate("pump-7");
		}
	}

	@Test
	void invalidAndUnknownMessagesAreAnsweredWithErrorsAndTheConnectionStaysOpen() throws IOException {
		try (Device device = new Device(this.devices.port())) {
			device.authenticate("pump-8");
			assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"\",\"value\":1,\"seq\":1}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"validation failed\","
						+ "\"violations\":[{\"field\":\"sensor\",\"message\":\"must not be blank\"}]}");
			assertThat(device.exchange("{\"type\":\"reboot\"}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"unknown type reboot\"}");
			assertThat(device.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void aWrongTokenOrAnUnknownDeviceIsAnsweredAlikeAndClosed() throws IOException {
		try (Device device = new Device(this.devices.port())) {
			assertThat(device.exchange("{\"type\":\"auth\",\"deviceId\":\"pump-7\",\"token\":\"pump-8-demo-token\"}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"authentication failed\"}");
			assertThat(device.isClosedByPeer()).isTrue();
		}
		try (Device device = new Device(this.devices.port())) {
			assertThat(device.exchange("{\"type\":\"auth\",\"deviceId\":\"pump-9\",\"token\":\"pump-9-demo-token\"}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"authentication failed\"}");
			assertThat(device.isClosedByPeer()).isTrue();
		}
	}

	@Test
	void aDeviceWithoutTheAuthorityIsRefusedTelemetryAndStaysConnected() throws IOException {
		try (Device display = new Device(this.devices.port())) {
			display.authenticate("display-1");
			assertThat(display.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":99,\"seq\":1}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"forbidden\",\"authority\":\"telemetry:write\"}");
			assertThat(display.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void aDeviceThatConnectsAgainReplacesItsOlderConnection() throws IOException {
		try (Device older = new Device(this.devices.port()); Device newer = new Device(this.devices.port())) {
			older.authenticate("pump-7");
			newer.authenticate("pump-7");
			assertThat(older.isClosedByPeer()).isTrue();
			assertThat(newer.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":20,\"seq\":2}"))
				.isEqualTo("{\"type\":\"ack\",\"seq\":2}");
		}
	}

	private static final class Device implements AutoCloseable {

		private final Socket socket;

		private final BufferedReader in;

		private final OutputStream out;

		Device(int port) throws IOException {
			this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
			this.socket.setSoTimeout(5000);
			this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			this.out = this.socket.getOutputStream();
		}

		/**
		 * Authenticates with the device's demo token ({@code application.yml}).
		 */
		void authenticate(String deviceId) throws IOException {
			assertThat(exchange("{\"type\":\"auth\",\"deviceId\":\"" + deviceId + "\",\"token\":\"" + deviceId
					+ "-demo-token\"}"))
				.isEqualTo("{\"type\":\"authenticated\",\"deviceId\":\"" + deviceId + "\"}");
		}

		String exchange(String json) throws IOException {
			this.out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
			return this.in.readLine();
		}

		/**
		 * Returns whether the server closed the connection (end of stream or reset) within the read timeout.
		 */
		boolean isClosedByPeer() throws IOException {
			try {
				while (true) {
					if (this.in.read() < 0) {
						return true;
					}
				}
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (SocketException ex) {
				return true;
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
