package dev.socketserver.demo.devices;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A pump played by the demo itself, so that the command path can be tried without writing a device: the handler
 * of the {@code simulated-pump} socket client of {@code application.yml} (off by default). On each connection it
 * authenticates as its device and then answers every command with a result; the client reconnects, with backoff,
 * whenever the gateway drops it or restarts.
 */
@Component("simulatedPump")
class SimulatedPump implements SocketHandler<JsonNode> {

	private static final Logger logger = LoggerFactory.getLogger(SimulatedPump.class);

	private final JsonMapper mapper;

	private final String deviceId;

	private final String token;

	SimulatedPump(JsonMapper mapper, @Value("${demo.simulated-pump.device-id:pump-8}") String deviceId,
			@Value("${demo.simulated-pump.token:pump-8-demo-token}") String token) {
		this.mapper = mapper;
		this.deviceId = deviceId;
		this.token = token;
	}

	@Override
	public void onOpen(Connection connection) {
		ObjectNode auth = this.mapper.createObjectNode()
			.put("type", "auth")
			.put("deviceId", this.deviceId)
			.put("token", this.token);
		connection.send(auth);
	}

	@Override
	public void onMessage(Connection connection, JsonNode message) {
		String type = message.path("type").asString("");
		switch (type) {
			case "command" -> connection.send(result(message));
			case "authenticated" -> logger.info("Simulated pump {} is connected to the gateway", this.deviceId);
			case "error" -> logger.warn("Gateway answered the simulated pump {} with {}", this.deviceId, message);
			default -> logger.debug("Simulated pump {} received {}", this.deviceId, message);
		}
	}

	private ObjectNode result(JsonNode command) {
		// The reply repeats the command's id: that is how the gateway matches it with its request.
		ObjectNode result = this.mapper.createObjectNode()
			.put("type", "command-result")
			.put("ok", true)
			.put("command", command.path("command").asString(""));
		result.set("id", command.get("id"));
		return result;
	}

}
