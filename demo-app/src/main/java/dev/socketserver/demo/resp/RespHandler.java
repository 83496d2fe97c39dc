package dev.socketserver.demo.resp;

import java.util.ArrayList;
import java.util.List;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import io.netty.handler.codec.redis.RedisMessage;

/**
 * Serves the commands of the RESP2 key-value server from a {@link RespStore}: one reply per command, in order,
 * on the connection's event loop. A command that fails gets a Redis-style error reply and the connection stays
 * open; only {@code QUIT} closes it.
 */
final class RespHandler implements SocketHandler<RedisMessage> {

	private static final byte[] NX = { 'n', 'x' };

	private static final byte[] XX = { 'x', 'x' };

	private static final byte[] GET = { 'g', 'e', 't' };

	private static final byte[] KEEPTTL = { 'k', 'e', 'e', 'p', 't', 't', 'l' };

	private static final byte[] EX = { 'e', 'x' };

	private static final byte[] PX = { 'p', 'x' };

	private static final byte[] EXAT = { 'e', 'x', 'a', 't' };

	private static final byte[] PXAT = { 'p', 'x', 'a', 't' };

	private static final byte[] SYNC = { 's', 'y', 'n', 'c' };

	private static final byte[] ASYNC = { 'a', 's', 'y', 'n', 'c' };

	private final RespStore store;

	private final ServerCommands server;

	RespHandler(RespStore store, ServerCommands server) {
		this.store = store;
		this.server = server;
	}

	@Override
	public void onOpen(Connection connection) {
		this.server.opened();
	}

	@Override
	public void onClose(Connection connection, CloseReason reason) {
		this.server.closed();
	}

	@Override
	public void onMessage(Connection connection, RedisMessage message) {
		// RespCodec decodes nothing else.
		RespCommand command = (RespCommand) message;
		CommandName name = CommandName.of(command);
		RedisMessage reply;
		if (name == null) {
			reply = RespReplies.error(unknownCommand(command));
		}
		else if (!name.accepts(command.count())) {
			reply = wrongArity(name);
		}
		else {
			try {
				reply = execute(name, command, connection);
			}
			catch (RespException ex) {
				reply = RespReplies.error(ex.getMessage());
			}
		}
		connection.offer(reply);
		if (name == CommandName.QUIT) {
			connection.close(CloseReason.CLOSED_BY_APPLICATION);
		}
	}

	private RedisMessage execute(CommandName name, RespCommand command, Connection connection) {
		return switch (name) {
			case PING -> ping(command);
			case ECHO -> RespReplies.bulk(command.bytes(1));
			case GET -> RespReplies.bulkOrNull(this.store.get(RespKey.of(command, 1)));
			case SET -> set(command);
			case DEL -> delete(command);
			case EXISTS -> exists(command);
			case INCR -> increment(command, 1);
			case DECR -> increment(command, -1);
			case INCRBY -> increment(command, command.toLong(2));
			case DECRBY -> decrementBy(command);
			case MGET -> multiGet(command);
			case MSET -> multiSet(command);
			case TTL -> timeToLive(command, true);
			case PTTL -> timeToLive(command, false);
			case SELECT -> select(command);
			case DBSIZE -> RespReplies.integer(this.store.size());
			case FLUSHALL, FLUSHDB -> flush(command);
			case QUIT -> RespReplies.OK;
			case INFO, CONFIG, CLIENT, HELLO, COMMAND -> this.server.execute(name, command, connection);
		};
	}

	private static RedisMessage ping(RespCommand command) {
		return switch (command.count()) {
			case 1 -> RespReplies.PONG;
			case 2 -> RespReplies.bulk(command.bytes(1));
			default -> wrongArity(CommandName.PING);
		};
	}

	private RedisMessage set(RespCommand command) {
		RespKey key = RespKey.of(command, 1);
		byte[] value = command.bytes(2);
		if (command.count() == 3) {
			this.store.set(key, value);
			return RespReplies.OK;
		}
		RespStore.Condition condition = RespStore.Condition.ALWAYS;
		long deadline = RespStore.PERSISTENT;
		boolean expirySet = false;
		boolean get = false;
		for (int i = 3; i < command.count(); i++) {
			if (command.is(i, NX) && condition != RespStore.Condition.IF_EXISTS) {
				condition = RespStore.Condition.IF_ABSENT;
			}
			else if (command.is(i, XX) && condition != RespStore.Condition.IF_ABSENT) {
				condition = RespStore.Condition.IF_EXISTS;
			}
			else if (command.is(i, GET)) {
				get = true;
			}
			else if (command.is(i, KEEPTTL) && !expirySet) {
				deadline = RespStore.KEEP;
				expirySet = true;
			}
			else if (isExpiryOption(command, i) && !expirySet && i + 1 < command.count()) {
				deadline = deadline(command, i);
				expirySet = true;
				i++;
			}
			else {
				throw new RespException(RespException.SYNTAX_ERROR);
			}
		}
		RespStore.SetResult result = this.store.set(key, value, condition, deadline);
		if (get) {
			return RespReplies.bulkOrNull(result.previous());
		}
		return result.written() ? RespReplies.OK : RespReplies.NULL;
	}

	private static boolean isExpiryOption(RespCommand command, int index) {
		return command.is(index, EX) || command.is(index, PX) || command.is(index, EXAT) || command.is(index, PXAT);
	}

	/**
	 * Returns the deadline, in epoch milliseconds, set by the expiry option at {@code index} and its argument.
	 */
	private long deadline(RespCommand command, int index) {
		long amount = command.toLong(index + 1);
		boolean seconds = command.is(index, EX) || command.is(index, EXAT);
		boolean relative = command.is(index, EX) || command.is(index, PX);
		long limit = (Long.MAX_VALUE - (relative ? this.store.now() : 0)) / (seconds ? 1000 : 1);
		if (amount <= 0 || amount > limit) {
			throw new RespException("ERR invalid expire time in 'set' command");
		}
		return (seconds ? amount * 1000 : amount) + (relative ? this.store.now() : 0);
	}

	private RedisMessage delete(RespCommand command) {
		long deleted = 0;
		for (int i = 1; i < command.count(); i++) {
			if (this.store.delete(RespKey.of(command, i))) {
				deleted++;
			}
		}
		return RespReplies.integer(deleted);
	}

	private RedisMessage exists(RespCommand command) {
		long found = 0;
		for (int i = 1; i < command.count(); i++) {
			if (this.store.exists(RespKey.of(command, i))) {
				found++;
			}
		}
		return RespReplies.integer(found);
	}

	private RedisMessage increment(RespCommand command, long delta) {
		return RespReplies.integer(this.store.increment(RespKey.of(command, 1), delta));
	}

	private RedisMessage decrementBy(RespCommand command) {
		long delta = command.toLong(2);
		if (delta == Long.MIN_VALUE) {
			throw new RespException("ERR decrement would overflow");
		}
		return increment(command, -delta);
	}

	private RedisMessage multiGet(RespCommand command) {
		List<RedisMessage> values = new ArrayList<>(command.count() - 1);
		for (int i = 1; i < command.count(); i++) {
			values.add(RespReplies.bulkOrNull(this.store.get(RespKey.of(command, i))));
		}
		return RespReplies.array(values);
	}

	private RedisMessage multiSet(RespCommand command) {
		if (command.count() % 2 == 0) {
			return wrongArity(CommandName.MSET);
		}
		for (int i = 1; i < command.count(); i += 2) {
			this.store.set(RespKey.of(command, i), command.bytes(i + 1));
		}
		return RespReplies.OK;
	}

	private RedisMessage timeToLive(RespCommand command, boolean seconds) {
		long millis = this.store.timeToLive(RespKey.of(command, 1));
		return RespReplies.integer((millis >= 0 && seconds) ? (millis + 500) / 1000 : millis);
	}

	private static RedisMessage select(RespCommand command) {
		if (command.toLong(1) != 0) {
			throw new RespException("ERR DB index is out of range");
		}
		return RespReplies.OK;
	}

	private RedisMessage flush(RespCommand command) {
		if (command.count() > 2 || (command.count() == 2 && !command.is(1, SYNC) && !command.is(1, ASYNC))) {
			throw new RespException(RespException.SYNTAX_ERROR);
		}
		this.store.clear();
		return RespReplies.OK;
	}

	static RedisMessage wrongArity(CommandName name) {
		return RespReplies.error("ERR wrong number of arguments for '" + name.lowerCaseName() + "' command");
	}

	/**
	 * Returns the error Redis gives for an unknown command, quoting up to about 128 characters of arguments.
	 */
	private static String unknownCommand(RespCommand command) {
		StringBuilder args = new StringBuilder();
		for (int i = 1; i < command.count() && args.length() < 128; i++) {
			args.append('\'').append(truncate(command.string(i), 128 - args.length())).append("' ");
		}
		return "ERR unknown command '" + truncate(command.string(0), 128) + "', with args beginning with: " + args;
	}

	private static String truncate(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) : text;
	}

}
