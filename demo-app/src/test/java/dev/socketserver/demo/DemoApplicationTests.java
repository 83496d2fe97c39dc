package dev.socketserver.demo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DemoTest
class DemoApplicationTests {

	@Autowired
	@Qualifier("echo")
	SocketServer echo;

	@Autowired
	@Qualifier("line-echo")
	SocketServer lineEcho;

	@LocalServerPort
	int httpPort;

	@Test
	void echoServerReturnsEveryLengthPrefixedFrameUnchanged() throws IOException {
		try (Socket socket = connect(this.echo.port())) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			for (String text : new String[] { "first", "", "third frame" }) {
				byte[] payload = text.getBytes(StandardCharsets.UTF_8);
				out.writeInt(payload.length);
				out.write(payload);
				byte[] echoed = new byte[in.readInt()];
				in.readFully(echoed);
				assertThat(echoed).isEqualTo(payload);
			}
		}
	}

	@Test
	void lineEchoServerReturnsEveryLine() throws IOException {
		try (Socket socket = connect(this.lineEcho.port())) {
			socket.getOutputStream().write("hello\r\nworld\n".getBytes(StandardCharsets.UTF_8));
			byte[] reply = new DataInputStream(socket.getInputStream()).readNBytes(12);
			assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("hello\nworld\n");
		}
	}

	@Test
	void actuatorHealthIsServedOverHttp() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(5000);
		return socket;
	}

}
