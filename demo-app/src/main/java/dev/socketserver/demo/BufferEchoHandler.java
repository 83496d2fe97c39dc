package dev.socketserver.demo;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import io.netty.buffer.ByteBuf;

import org.springframework.stereotype.Component;

/**
 * Echoes every length-prefixed frame of the {@code echo-buffer} server unchanged, without copying it: the frame
 * is a slice of what the socket read, and a large one is written back as it is, behind a new header.
 */
@Component
class BufferEchoHandler implements SocketHandler<ByteBuf> {

	@Override
	public void onMessage(Connection connection, ByteBuf frame) {
		// The frame is released when this method returns; the send holds a reference of its own until written.
		connection.offer(frame.retain());
	}

}
