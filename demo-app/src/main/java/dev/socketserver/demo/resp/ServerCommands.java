package dev.socketserver.demo.resp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionAttribute;
import io.netty.handler.codec.redis.RedisMessage;

/**
 * The commands about the server rather than the data ({@code INFO}, {@code CONFIG}, {@code CLIENT},
 * {@code HELLO}, {@code COMMAND}): what {@code redis-cli} and {@code redis-benchmark} ask when they connect,
 * answered as a Redis 7 server without persistence would.
 */
final class ServerCommands {

	/** The Redis version this server answers as, for clients that adapt to it. */
	static final String REDIS_VERSION = "7.0.0";

	/** Read-only settings shown by {@code CONFIG GET}: no persistence, one database. */
	private static final Map<String, String> CONFIG = configuration();

	private static final ConnectionAttribute<Long> CLIENT_ID = ConnectionAttribute.named("resp.client-id");

	private static final ConnectionAttribute<String> CLIENT_NAME = ConnectionAttribute.named("resp.client-name");

	private final RespStore store;

	private final long startMillis = System.currentTimeMillis();

	private final AtomicLong clientIds = new AtomicLong();

	private final LongAdder connected = new LongAdder();

	private final LongAdder connectionsReceived = new LongAdder();

	ServerCommands(RespStore store) {
		this.store = store;
	}

	void opened() {
		this.connected.increment();
		this.connectionsReceived.increment();
	}

	void closed() {
		this.connected.decrement();
	}

	RedisMessage execute(CommandName name, RespCommand command, Connection connection) {
		return switch (name) {
			case INFO -> RespReplies.bulk(info(command, connection));
			case CONFIG -> config(command);
			case CLIENT -> client(command, connection);
			case HELLO -> hello(command, connection);
			case COMMAND -> command(command);
			default -> throw new IllegalArgumentException("Not a server command: " + name);
		};
	}

	private String info(RespCommand command, Connection connection) {
		List<String> sections = new ArrayList<>();
		for (int i = 1; i < command.count(); i++) {
			sections.add(command.string(i).toLowerCase(Locale.ROOT));
		}
		boolean all = sections.isEmpty() || sections.contains("all") || sections.contains("default")
				|| sections.contains("everything");
		StringBuilder info = new StringBuilder();
		if (all || sections.contains("server")) {
			int port = (connection.localAddress() instanceof InetSocketAddress address) ? address.getPort() : 0;
			info.append("# Server\r\n")
				.append("redis_version:").append(REDIS_VERSION).append("\r\n")
				.append("redis_mode:standalone\r\n")
				.append("server_implementation:socket-server-demo\r\n")
				.append("os:").append(System.getProperty("os.name")).append(' ')
				.append(System.getProperty("os.arch")).append("\r\n")
				.append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
				.append("tcp_port:").append(port).append("\r\n")
				.append("uptime_in_seconds:")
				.append(TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis() - this.startMillis))
				.append("\r\n\r\n");
		}
		if (all || sections.contains("clients")) {
			info.append("# Clients\r\nconnected_clients:").append(this.connected.sum()).append("\r\n\r\n");
		}
		if (all || sections.contains("stats")) {
			info.append("# Stats\r\n")
				.append("total_connections_received:").append(this.connectionsReceived.sum()).append("\r\n\r\n");
		}
		if (all || sections.contains("keyspace")) {
			info.append("# Keyspace\r\n");
			long keys = this.store.size();
			if (keys > 0) {
				info.append("db0:keys=").append(keys).append(",expires=").append(this.store.countExpiring())
					.append(",avg_ttl=0\r\n");
			}
		}
		return info.toString();
	}

	private static RedisMessage config(RespCommand command) {
		String subcommand = command.string(1).toLowerCase(Locale.ROOT);
		switch (subcommand) {
			case "get" -> {
				if (command.count() < 3) {
					return wrongSubcommandArity("config|get");
				}
				Map<String, String> matches = new LinkedHashMap<>();
				for (int i = 2; i < command.count(); i++) {
					String pattern = command.string(i).toLowerCase(Locale.ROOT);
					CONFIG.forEach((key, value) -> {
						if (GlobPattern.matches(pattern, key)) {
							matches.put(key, value);
						}
					});
				}
				List<RedisMessage> pairs = new ArrayList<>();
				matches.forEach((key, value) -> {
					pairs.add(RespReplies.bulk(key));
					pairs.add(RespReplies.bulk(value));
				});
				return RespReplies.array(pairs);
			}
			case "set" -> throw new RespException("ERR CONFIG SET is not supported by this server");
			case "resetstat" -> {
				return RespReplies.OK;
			}
			default -> throw unknownSubcommand(command, "CONFIG");
		}
	}

	private RedisMessage client(RespCommand command, Connection connection) {
		String subcommand = command.string(1).toLowerCase(Locale.ROOT);
		switch (subcommand) {
			case "id" -> {
				return RespReplies.integer(clientId(connection));
			}
			case "getname" -> {
				String name = connection.attribute(CLIENT_NAME);
				return (name != null) ? RespReplies.bulk(name) : RespReplies.NULL;
			}
			case "setname" -> {
				if (command.count() != 3) {
					return wrongSubcommandArity("client|setname");
				}
				setName(connection, command.string(2));
				return RespReplies.OK;
			}
			case "setinfo" -> {
				if (command.count() != 4) {
					return wrongSubcommandArity("client|setinfo");
				}
				return RespReplies.OK;
			}
			case "info" -> {
				String name = connection.attribute(CLIENT_NAME);
				return RespReplies.bulk("id=" + clientId(connection) + " addr=" + address(connection) + " name="
						+ ((name != null) ? name : "") + " db=0\n");
			}
			default -> throw unknownSubcommand(command, "CLIENT");
		}
	}

	/**
	 * Answers {@code HELLO [protover [SETNAME name]]}: only RESP2 is spoken.
	 */
	private RedisMessage hello(RespCommand command, Connection connection) {
		if (command.count() >= 2) {
			long version;
			try {
				version = command.toLong(1);
			}
			catch (RespException ex) {
				throw new RespException("ERR Protocol version is not an integer or out of range");
			}
			if (version != 2) {
				throw new RespException("NOPROTO unsupported protocol version");
			}
			for (int i = 2; i < command.count(); i++) {
				if (command.string(i).equalsIgnoreCase("setname") && i + 1 < command.count()) {
					setName(connection, command.string(++i));
				}
				else {
					throw new RespException(RespException.SYNTAX_ERROR);
				}
			}
		}
		return RespReplies.array("server", "redis", "version", REDIS_VERSION, "proto", 2, "id",
				clientId(connection), "mode", "standalone", "role", "master", "modules", RespReplies.EMPTY_ARRAY);
	}

	/**
	 * Answers {@code COMMAND} and its subcommands. Command documentation is empty: {@code redis-cli} then uses
	 * its built-in help.
	 */
	private static RedisMessage command(RespCommand command) {
		if (command.count() == 1) {
			return RespReplies.EMPTY_ARRAY;
		}
		String subcommand = command.string(1).toLowerCase(Locale.ROOT);
		switch (subcommand) {
			case "count" -> {
				return RespReplies.integer(CommandName.values().length);
			}
			case "docs" -> {
				return RespReplies.EMPTY_ARRAY;
			}
			case "list" -> {
				List<RedisMessage> names = new ArrayList<>();
				for (CommandName name : CommandName.values()) {
					names.add(RespReplies.bulk(name.lowerCaseName()));
				}
				return RespReplies.array(names);
			}
			case "info" -> {
				List<RedisMessage> infos = new ArrayList<>();
				for (int i = 2; i < command.count(); i++) {
					infos.add(RespReplies.NULL);
				}
				return RespReplies.array(infos);
			}
			default -> throw unknownSubcommand(command, "COMMAND");
		}
	}

	private long clientId(Connection connection) {
		Long id = connection.attribute(CLIENT_ID);
		if (id == null) {
			id = this.clientIds.incrementAndGet();
			connection.setAttribute(CLIENT_ID, id);
		}
		return id;
	}

	private static void setName(Connection connection, String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c <= ' ' || c > '~') {
				throw new RespException(
						"ERR Client names cannot contain spaces, newlines or special characters.");
			}
		}
		connection.setAttribute(CLIENT_NAME, name.isEmpty() ? null : name);
	}

	private static String address(Connection connection) {
		return (connection.remoteAddress() instanceof InetSocketAddress address)
				? address.getAddress().getHostAddress() + ":" + address.getPort() : connection.remoteAddress()
						.toString();
	}

	private static RedisMessage wrongSubcommandArity(String name) {
		return RespReplies.error("ERR wrong number of arguments for '" + name + "' command");
	}

	private static RespException unknownSubcommand(RespCommand command, String name) {
		return new RespException("ERR unknown subcommand '" + command.string(1) + "'. Try " + name + " HELP.");
	}

	private static Map<String, String> configuration() {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("save", "");
		config.put("appendonly", "no");
		config.put("databases", "1");
		config.put("maxmemory", "0");
		config.put("maxmemory-policy", "noeviction");
		return config;
	}

}
