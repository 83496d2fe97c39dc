package dev.socketserver.demo;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;

import org.springframework.stereotype.Component;

/**
 * Echoes every line of the {@code line-echo} server.
 */
@Component
class LineEchoHandler implements SocketHandler<String> {

	@Override
	public void onMessage(Connection connection, String line) {
		connection.offer(line);
	}

}
