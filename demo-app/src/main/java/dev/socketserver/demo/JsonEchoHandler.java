package dev.socketserver.demo;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Echoes every JSON message of the {@code json-echo} server: each line is parsed to a tree by the JSON codec and
 * the tree is written back, so a compact object comes back byte for byte. The benchmarks compare it with Netty
 * and Jackson by hand.
 */
@Component
class JsonEchoHandler implements SocketHandler<JsonNode> {

	@Override
	public void onMessage(Connection connection, JsonNode message) {
		connection.offer(message);
	}

}
