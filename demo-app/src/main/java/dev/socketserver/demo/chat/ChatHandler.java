package dev.socketserver.demo.chat;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionAttribute;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.routing.MessageRouter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Chat over a line protocol, usable with {@code nc}: a nickname is the connection's bound identity, a room is a
 * group, saying something broadcasts to the room except the sender. Sends go through the {@link MessageRouter},
 * so rooms and {@code /msg} span the nodes of a cluster; with the cluster on, the join count and {@code /who}
 * count the room on every node too (asked off the event loop by {@link RoomCounts}).
 */
@Component
class ChatHandler implements SocketHandler<String> {

	static final String HELP = "* commands: /nick <name>, /join <room>, /leave, /msg <nick> <text>, /who, /quit;"
			+ " anything else is said to your room";

	private static final ConnectionAttribute<String> ROOM = ConnectionAttribute.named("chat.room");

	private static final String SERVER = "chat";

	private final ObjectProvider<MessageRouter> router;

	private final ObjectProvider<ConnectionManager> connections;

	private final ObjectProvider<RoomCounts> roomCounts;

	// Providers: the router and the manager exist only once the server built with this handler does; the room
	// counts not at all in a test slice of the socket servers.
	ChatHandler(ObjectProvider<MessageRouter> router,
			@Qualifier(SERVER) ObjectProvider<ConnectionManager> connections, ObjectProvider<RoomCounts> roomCounts) {
		this.router = router;
		this.connections = connections;
		this.roomCounts = roomCounts;
	}

	@Override
	public void onOpen(Connection connection) {
		connection.offer("* welcome to the chat");
		connection.offer(HELP);
	}

	@Override
	public void onMessage(Connection connection, String line) {
		String text = line.strip();
		if (text.isEmpty()) {
			return;
		}
		if (!text.startsWith("/")) {
			say(connection, text);
			return;
		}
		String[] words = text.split("\\s+", 3);
		switch (words[0]) {
			case "/nick" -> nick(connection, argument(words, 1));
			case "/join" -> join(connection, argument(words, 1));
			case "/leave" -> leave(connection);
			case "/msg" -> privateMessage(connection, argument(words, 1), argument(words, 2));
			case "/who" -> who(connection);
			case "/quit" -> {
				connection.offer("* bye");
				connection.close(CloseReason.CLOSED_BY_APPLICATION);
			}
			default -> connection.offer("* unknown command " + words[0] + "; " + HELP);
		}
	}

	@Override
	public void onShutdown(Connection connection) {
		connection.offer("* the server is restarting: reconnect in a minute");
	}

	@Override
	public void onClose(Connection connection, CloseReason reason) {
		String room = connection.attribute(ROOM);
		if (room != null && connection.identity() != null) {
			toRoom(room, "* " + connection.identity() + " left #" + room, null);
		}
	}

	private void nick(Connection connection, @Nullable String name) {
		if (name == null || !name.matches("[\\p{L}\\p{N}_.-]{1,32}")) {
			connection.offer("* usage: /nick <name> (letters, digits, _ . -, at most 32)");
			return;
		}
		connection.bindIdentity(name);
		connection.offer("* you are now " + name);
	}

	private void join(Connection connection, @Nullable String room) {
		if (requireNick(connection) == null) {
			return;
		}
		if (room == null || !room.matches("[\\p{L}\\p{N}_.-]{1,32}")) {
			connection.offer("* usage: /join <room>");
			return;
		}
		leave(connection);
		connection.join(room);
		connection.setAttribute(ROOM, room);
		toRoom(room, "* " + connection.identity() + " joined #" + room, connection);
		int local = this.connections.getObject().groupSize(room);
		CompletableFuture<Integer> cluster = inCluster(room);
		if (cluster == null) {
			connection.offer("* you joined #" + room + " (" + local + " here)");
			return;
		}
		// Without Redis just now, this node's count is the best there is.
		cluster.whenComplete((count, failure) -> connection
			.offer("* you joined #" + room + " (" + ((failure == null) ? count : local) + " here)"));
	}

	private void leave(Connection connection) {
		String room = connection.attribute(ROOM);
		if (room == null) {
			return;
		}
		connection.leave(room);
		connection.setAttribute(ROOM, null);
		toRoom(room, "* " + connection.identity() + " left #" + room, null);
		connection.offer("* you left #" + room);
	}

	private void say(Connection connection, String text) {
		String nick = requireNick(connection);
		String room = connection.attribute(ROOM);
		if (nick == null) {
			return;
		}
		if (room == null) {
			connection.offer("* join a room first: /join <room>");
			return;
		}
		toRoom(room, "[#" + room + "] " + nick + ": " + text, connection);
	}

	private void privateMessage(Connection connection, @Nullable String to, @Nullable String text) {
		String nick = requireNick(connection);
		if (nick == null) {
			return;
		}
		if (to == null || text == null) {
			connection.offer("* usage: /msg <nick> <text>");
			return;
		}
		this.router.getObject()
			.sendToIdentity(SERVER, to, "[private] " + nick + ": " + text)
			.whenComplete((reached, failure) -> {
				if (failure != null) {
					// With the cluster on, a nick on no local connection needs Redis, which is unreachable now.
					connection.offer("* could not reach " + to + " right now: try again later");
				}
				else if (reached == 0) {
					connection.offer("* nobody is called " + to);
				}
			});
	}

	private void who(Connection connection) {
		String room = connection.attribute(ROOM);
		if (room == null) {
			connection.offer("* join a room first: /join <room>");
			return;
		}
		String names = this.connections.getObject()
			.members(room)
			.stream()
			.map(Connection::identity)
			.filter((name) -> name != null)
			.sorted()
			.collect(Collectors.joining(", "));
		CompletableFuture<Integer> cluster = inCluster(room);
		if (cluster == null) {
			connection.offer("* in #" + room + ": " + names);
			return;
		}
		// The registry counts the members of other nodes without naming them.
		cluster.whenComplete((count, failure) -> connection.offer("* in #" + room + ": " + names
				+ ((failure == null) ? " (" + count + " on all nodes)" : " (other nodes unreachable now)")));
	}

	private @Nullable CompletableFuture<Integer> inCluster(String room) {
		RoomCounts counts = this.roomCounts.getIfAvailable();
		return (counts != null) ? counts.inCluster(SERVER, room) : null;
	}

	private void toRoom(String room, String line, @Nullable Connection sender) {
		this.router.getObject().sendToGroup(SERVER, room, line, (sender != null) ? sender.id() : null);
	}

	private static @Nullable String requireNick(Connection connection) {
		String nick = connection.identity();
		if (nick == null) {
			connection.offer("* choose a nickname first: /nick <name>");
		}
		return nick;
	}

	private static @Nullable String argument(String[] words, int index) {
		return (words.length > index) ? words[index] : null;
	}

}
