package dev.socketserver.test.sample;

import dev.socketserver.autoconfigure.SocketController;
import dev.socketserver.connection.Connection;
import dev.socketserver.handler.annotation.OnMessage;

/**
 * Commands of the {@code lines} server, routed by their first word: {@code ECHO text}, {@code LOGIN name} (binds
 * the identity) and {@code JOIN room} (joins the group).
 */
@SocketController("lines")
class LineController {

	@OnMessage("ECHO")
	String echo(String line) {
		return line.substring("ECHO ".length());
	}

	@OnMessage("LOGIN")
	String login(String line, Connection connection) {
		String name = line.substring("LOGIN ".length());
		connection.bindIdentity(name);
		return "WELCOME " + name;
	}

	@OnMessage("JOIN")
	String join(String line, Connection connection) {
		String room = line.substring("JOIN ".length());
		connection.join(room);
		return "JOINED " + room;
	}

}
