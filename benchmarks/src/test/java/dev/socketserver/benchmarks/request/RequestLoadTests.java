package dev.socketserver.benchmarks.request;

import java.util.Map;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.benchmarks.baseline.BaselineEchoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functional checks of the request/response load against an in-process echo server: both sides get every reply,
 * each checked against its request, and report figures. Runs are a fraction of a second; nothing here is timed.
 */
class RequestLoadTests {

	private BaselineEchoServer echo;

	@BeforeEach
	void startEcho() {
		this.echo = BaselineEchoServer.start(NettyTransport.AUTO, 1, 0, 0, 1024 * 1024);
	}

	@AfterEach
	void stopEcho() {
		this.echo.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "client", "raw" })
	void everyReplyIsMatchedToItsRequest(String side) throws Exception {
		Map<String, Object> result = RequestLoad.run("--side", side, "--port", Integer.toString(this.echo.port()),
				"--connections", "3", "--in-flight", "8", "--payload", "100", "--warmup", "200ms", "--duration",
				"300ms");
		assertThat(result).containsEntry("side", side).containsEntry("errors", 0L);
		assertThat((Long) result.get("requests")).isPositive();
		assertThat(Double.parseDouble((String) result.get("p99us"))).isPositive();
	}

}
