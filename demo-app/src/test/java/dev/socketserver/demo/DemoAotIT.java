package dev.socketserver.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.socketserver.demo.jt808.Jt808Codec;
import dev.socketserver.demo.jt808.Jt808Message;
import dev.socketserver.server.SocketServer;
import dev.socketserver.test.client.SocketTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's AOT-processed context on the JVM: {@code spring-boot:process-aot} runs in the package phase, and
 * failsafe runs this test with {@code -Dspring.aot.enabled=true}. It starts from the generated initializer, not
 * from the annotations, and every server answers over a real socket.
 */
class DemoAotIT {

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		SpringApplication application = new SpringApplication(DemoApplication.class);
		// The generated initializer is named after the main class, which is otherwise taken from the stack: here
		// the test runner's.
		application.setMainApplicationClass(DemoApplication.class);
		context = application.run("--server.port=0", "--server.address=127.0.0.1",
				"--socket.defaults.address=127.0.0.1", "--socket.servers.echo.port=0",
				"--socket.servers.echo-buffer.port=0", "--socket.servers.line-echo.port=0",
				"--socket.servers.echo-tls.port=0", "--socket.servers.chat.port=0",
				"--socket.servers.resp.port=0", "--socket.servers.devices.port=0", "--socket.servers.jt808.port=0",
				"--socket.servers.json-echo.port=0");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void runsFromTheGeneratedInitializerWithEveryServer() {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		assertThat(context.getBeansOfType(SocketServer.class).values()).extracting(SocketServer::name)
			.containsExactlyInAnyOrder("echo", "echo-buffer", "line-echo", "echo-tls", "chat", "resp", "devices",
					"jt808", "json-echo");
	}

	@Test
	void echoesOverEachServer() throws Exception {
		Map<String, SocketServer> servers = context.getBeansOfType(SocketServer.class);
		SocketServer echo = server(servers, "echo");
		byte[] payload = "aot".getBytes(StandardCharsets.UTF_8);
		try (SocketTestClient client = SocketTestClient.connect(echo)) {
			client.send(payload).expect(payload);
		}
		try (SocketTestClient client = SocketTestClient.connect(server(servers, "echo-buffer"))) {
			client.send(payload).expect(payload);
		}
		try (SocketTestClient client = SocketTestClient.builder(server(servers, "echo-tls")).trustAll().connect()) {
			client.send(payload).expect(payload);
		}
		try (SocketTestClient client = SocketTestClient.connect(server(servers, "line-echo"))) {
			client.send("hello aot").expect("hello aot");
		}
		try (SocketTestClient client = SocketTestClient.connect(server(servers, "chat"))) {
			client.expect("* welcome to the chat").expectNext();
			client.send("/nick aot").expect("* you are now aot");
		}
		try (Socket socket = connect(server(servers, "devices"))) {
			assertThat(exchange(socket, "{\"type\":\"auth\",\"deviceId\":\"pump-7\",\"token\":\"pump-7-demo-token\"}"))
				.isEqualTo("{\"type\":\"authenticated\",\"deviceId\":\"pump-7\"}");
			assertThat(exchange(socket, "{\"type\":\"telemetry\",\"sensor\":\"temp\",\"value\":21.5,\"seq\":1}"))
				.isEqualTo("{\"type\":\"ack\",\"seq\":1}");
		}
		try (Socket socket = connect(server(servers, "resp"))) {
			assertThat(exchange(socket, "*1\r\n$4\r\nPING\r\n".stripTrailing())).isEqualTo("+PONG");
		}
		try (SocketTestClient terminal = SocketTestClient.builder(server(servers, "jt808"))
			.codec(new Jt808Codec())
			.connect()) {
			terminal.send(new Jt808Message(Jt808Message.HEARTBEAT, "013912345678", 1, new byte[0]));
			assertThat(((Jt808Message) terminal.expectNext()).messageId()).isEqualTo(Jt808Message.GENERAL_RESPONSE);
		}
	}

	private static SocketServer server(Map<String, SocketServer> servers, String name) {
		return servers.values().stream().filter((server) -> server.name().equals(name)).findFirst().orElseThrow();
	}

	private static Socket connect(SocketServer server) throws Exception {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
		socket.setSoTimeout(5000);
		return socket;
	}

	/**
	 * Sends a line (CRLF ended, which the JSON and RESP servers both take) and reads the line answered.
	 */
	private static String exchange(Socket socket, String line) throws Exception {
		OutputStream out = socket.getOutputStream();
		out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		return in.readLine();
	}

}
