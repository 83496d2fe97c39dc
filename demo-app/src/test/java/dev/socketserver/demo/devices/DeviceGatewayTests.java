package dev.socketserver.demo.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
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
	void deviceSaysHelloSendsTelemetryAndItsStatusIsQueried() throws IOException {
		try (Device device = new Device(this.devices.port()); Device console = new Device(this.devices.port())) {
			assertThat(device.exchange("{\"type\":\"hello\",\"deviceId\":\"pump-7\"}"))
				.isEqualTo("{\"type\":\"welcome\",\"deviceId\":\"pump-7\"}");
			assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":21.5,\"seq\":1}"))
				.isEqualTo("{\"type\":\"ack\",\"seq\":1}");
			assertThat(console.exchange("{\"type\":\"status\",\"deviceId\":\"pump-7\"}"))
				.isEqualTo("{\"type\":\"status\",\"deviceId\":\"pump-7\",\"online\":true,"
						+ "\"last\":{\"sensor\":\"temp\",\"value\":21.5,\"seq\":1}}");
			assertThat(console.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void invalidAndUnknownMessagesAreAnsweredWithErrorsAndTheConnectionStaysOpen() throws IOException {
		try (Device device = new Device(this.devices.port())) {
			assertThat(device.exchange("{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":1,\"seq\":1}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"say hello first\"}");
			assertThat(device.exchange("{\"type\":\"hello\",\"deviceId\":\"\"}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"validation failed\","
						+ "\"violations\":[{\"field\":\"deviceId\",\"message\":\"must not be blank\"}]}");
			assertThat(device.exchange("{\"type\":\"reboot\"}"))
				.isEqualTo("{\"type\":\"error\",\"error\":\"unknown type reboot\"}");
			assertThat(device.exchange("{\"type\":\"ping\"}")).isEqualTo("{\"type\":\"pong\"}");
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

		String exchange(String json) throws IOException {
			this.out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
			return this.in.readLine();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
