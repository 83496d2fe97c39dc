package dev.socketserver.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socketserver.protection.EchoBurst;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Bursts of 1, 10 and 100 MB pipelined at the demo's JSON gateway and RESP server while the client reads: every
 * reply arrives, in the order of the requests (asynchronous status replies included), and the connection is
 * served afterwards. Run in each execution mode by {@link DemoBurstTests}.
 */
abstract class DemoBursts {

	private static final Logger figures = LoggerFactory.getLogger(DemoBursts.class);

	@Autowired
	@Qualifier("devices")
	SocketServer devices;

	@Autowired
	@Qualifier("resp")
	SocketServer resp;

	/**
	 * Telemetry of a device, each acknowledged at once, between status queries about another device, which are
	 * answered asynchronously: their replies must not overtake the acknowledgements before them. The burst starts
	 * with the device's authentication, and the rest follows it at once, so it waits while the decision is made.
	 */
	@ParameterizedTest(name = "{0} MB")
	@ValueSource(ints = { 1, 10, 100 })
	void jsonGatewayAnswersEveryMessageOfABurstInOrder(int megabytes) throws Exception {
		EchoBurst burst = EchoBurst.replying((i) -> {
			if (i == 0) {
				return line("{\"type\":\"auth\",\"deviceId\":\"pump-8\",\"token\":\"pump-8-demo-token\"}");
			}
			if (i % 10 == 0) {
				return line("{\"type\":\"status\",\"deviceId\":\"nobody\"}");
			}
			return line("{\"type\":\"telemetry\",\"sensor\":\"s" + "x".repeat(i % 1500) + "\",\"value\":" + i
					+ ".5,\"seq\":" + i + "}");
		}, (i) -> {
			if (i == 0) {
				return line("{\"type\":\"authenticated\",\"deviceId\":\"pump-8\"}");
			}
			if (i % 10 == 0) {
				return line("{\"type\":\"status\",\"deviceId\":\"nobody\",\"online\":false,\"last\":null}");
			}
			return line("{\"type\":\"ack\",\"seq\":" + i + "}");
		});
		report("devices", megabytes, burst.run(this.devices.port(), megabytes * 1024L * 1024, Duration.ofMinutes(2)));
	}

	/**
	 * SET and GET of growing values, alternately: each GET returns the value just set, so a reply out of order
	 * or lost shows.
	 */
	@ParameterizedTest(name = "{0} MB")
	@ValueSource(ints = { 1, 10, 100 })
	void respServerAnswersEveryCommandOfAPipelinedBurstInOrder(int megabytes) throws Exception {
		EchoBurst burst = EchoBurst.replying((i) -> {
			String key = "burst:" + megabytes + ":" + (i / 2);
			return (i % 2 == 0) ? command("SET", key, value(i / 2)) : command("GET", key);
		}, (i) -> (i % 2 == 0) ? ascii("+OK\r\n") : bulk(value(i / 2)));
		report("resp", megabytes, burst.run(this.resp.port(), megabytes * 1024L * 1024, Duration.ofMinutes(2)));
	}

	private void report(String server, int megabytes, EchoBurst.Result result) {
		figures.info("Burst of {} MB at the demo's {} server ({}): {} requests answered in order in {} ms",
				megabytes, server, getClass().getSimpleName(), result.messages(), result.took().toMillis());
	}

	private static String value(int n) {
		return "v" + n + "-" + "y".repeat(n % 3000);
	}

	private static byte[] command(String... words) {
		StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			resp.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
		}
		return ascii(resp.toString());
	}

	private static byte[] bulk(String value) {
		return ascii("$" + value.length() + "\r\n" + value + "\r\n");
	}

	private static byte[] line(String json) {
		return (json + "\n").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
