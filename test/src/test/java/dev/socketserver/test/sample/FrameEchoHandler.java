package dev.socketserver.test.sample;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;

import org.springframework.stereotype.Component;

/**
 * Echoes every length-prefixed frame of the {@code frames} server.
 */
@Component
class FrameEchoHandler implements SocketHandler<byte[]> {

	@Override
	public void onMessage(Connection connection, byte[] frame) {
		connection.offer(frame);
	}

}
