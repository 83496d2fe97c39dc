package dev.socketserver.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.server.SocketServer;
import dev.socketserver.test.client.SocketTestClient;
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
	@Qualifier("echo-buffer")
	SocketServer echoBuffer;

	@Autowired
	@Qualifier("line-echo")
	SocketServer lineEcho;

	@Autowired
	@Qualifier("json-echo")
	SocketServer jsonEcho;

	@LocalServerPort
	int httpPort;

	@Test
	void echoServerReturnsEveryLengthPrefixedFrameUnchanged() {
		try (SocketTestClient client = SocketTestClient.connect(this.echo)) {
			for (String text : new String[] { "first", "", "third frame" }) {
				byte[] payload = text.getBytes(StandardCharsets.UTF_8);
				client.send(payload).expect(payload);
			}
		}
	}

	@Test
	void bufferEchoServerReturnsSmallAndLargeFramesUnchanged() {
		try (SocketTestClient client = SocketTestClient.connect(this.echoBuffer)) {
			for (int size : new int[] { 0, 5, 4096, 70_000 }) {
				byte[] payload = new byte[size];
				for (int i = 0; i < size; i++) {
					payload[i] = (byte) (i * 31 + size);
				}
				client.send(payload).expect(payload);
			}
		}
	}

	@Test
	void lineEchoServerReturnsEveryLine() {
		// Replies decoded as lines ended by LF alone: a CR sent back would stay in the line and fail the test.
		MessageCodec<String> lfLines = MessageCodec.of(new LineFraming(64, LineDelimiter.LF),
				PayloadCodec.string(StandardCharsets.UTF_8));
		try (SocketTestClient client = SocketTestClient.builder(this.lineEcho).codec(lfLines).connect()) {
			client.sendRaw("hello\r\nworld\n");
			client.expect("hello").expect("world");
		}
	}

	@Test
	void jsonEchoServerWritesBackEachParsedMessage() {
		MessageCodec<String> lfLines = MessageCodec.of(new LineFraming(16 * 1024, LineDelimiter.LF),
				PayloadCodec.string(StandardCharsets.UTF_8));
		String big = "{\"p\":\"" + "\u00e9x".repeat(2048) + "\"}";
		try (SocketTestClient client = SocketTestClient.builder(this.jsonEcho).codec(lfLines).connect()) {
			client.sendRaw("{\"p\":\"abc\",\"n\":[1,true,null]}\n{ \"spaced\" : 1 }\n" + big + "\n");
			client.expect("{\"p\":\"abc\",\"n\":[1,true,null]}").expect("{\"spaced\":1}").expect(big);
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

}
