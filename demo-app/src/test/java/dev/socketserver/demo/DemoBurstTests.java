package dev.socketserver.demo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.test.context.TestPropertySource;

/**
 * The demo's bursts ({@link DemoBursts}) in every execution mode of the JSON gateway and the RESP server.
 */
@DemoTest
class DemoBurstTests {

	@Nested
	class OnTheEventLoop extends DemoBursts {

	}

	@Nested
	@TestPropertySource(properties = { "socket.servers.devices.execution.mode=pool",
			"socket.servers.resp.execution.mode=pool" })
	class OnAPool extends DemoBursts {

	}

	@Nested
	@EnabledForJreRange(min = JRE.JAVA_21)
	@TestPropertySource(properties = { "socket.servers.devices.execution.mode=virtual-threads",
			"socket.servers.resp.execution.mode=virtual-threads" })
	class OnVirtualThreads extends DemoBursts {

	}

}
