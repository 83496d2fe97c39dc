package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The block of ports a run uses, chosen free at the start; never the demo's defaults (7000, 7001, 8080, 6380),
 * which other instances on the machine may hold.
 *
 * @param baselineEcho baseline length-field echo
 * @param baselineLine baseline line echo
 * @param demoEcho demo length-field echo ({@code socket.servers.echo.port})
 * @param demoLine demo line echo ({@code socket.servers.line-echo.port})
 * @param demoHttp demo Actuator ({@code server.port})
 * @param demoResp demo RESP server
 * @param redis the real redis-server
 * @param redisAsDemo a second redis-server standing in for the demo, to check the RESP tooling
 * @param baselineJson baseline JSON echo
 * @param demoJson demo JSON echo ({@code socket.servers.json-echo.port})
 * @param demoEchoBuffer demo length-field echo of buffer payloads ({@code socket.servers.echo-buffer.port})
 * @param reference the reference server of GO1 or C1, one at a time
 * @since 0.1.0
 */
record Ports(int baselineEcho, int baselineLine, int demoEcho, int demoLine, int demoHttp, int demoResp, int redis,
		int redisAsDemo, int baselineJson, int demoJson, int demoEchoBuffer, int reference) {

	private static final int BLOCK = 12;

	static Ports find(int basePort) {
		for (int base = basePort; base + BLOCK < 65536 && base < basePort + 2000; base += 100) {
			if (allFree(base)) {
				return new Ports(base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7, base + 8,
						base + 9, base + 10, base + 11);
			}
		}
		throw new IllegalStateException("No block of " + BLOCK + " free ports from " + basePort);
	}

	private static boolean allFree(int base) {
		for (int port = base; port < base + BLOCK; port++) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(port));
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
