package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import org.jspecify.annotations.Nullable;

/**
 * Replies of the key-value server, as Netty's RESP message types; the frequent ones are shared instances.
 */
final class RespReplies {

	static final SimpleStringRedisMessage OK = new SimpleStringRedisMessage("OK");

	static final SimpleStringRedisMessage PONG = new SimpleStringRedisMessage("PONG");

	static final FullBulkStringRedisMessage NULL = FullBulkStringRedisMessage.NULL_INSTANCE;

	static final ArrayRedisMessage EMPTY_ARRAY = ArrayRedisMessage.EMPTY_INSTANCE;

	static final IntegerRedisMessage ZERO = integer(0);

	static final IntegerRedisMessage ONE = integer(1);

	private RespReplies() {
	}

	static IntegerRedisMessage integer(long value) {
		IntegerRedisMessage cached = FixedRedisMessagePool.INSTANCE.getInteger(value);
		return (cached != null) ? cached : new IntegerRedisMessage(value);
	}

	static RedisMessage bulk(byte[] value) {
		return new BulkReply(value);
	}

	static RedisMessage bulk(String value) {
		return bulk(value.getBytes(StandardCharsets.UTF_8));
	}

	static RedisMessage bulkOrNull(byte @Nullable [] value) {
		return (value != null) ? bulk(value) : NULL;
	}

	static ErrorRedisMessage error(String message) {
		return new ErrorRedisMessage(message);
	}

	/**
	 * Returns an array of bulk strings and integers given as {@code String}s and {@code Number}s.
	 */
	static ArrayRedisMessage array(Object... items) {
		List<RedisMessage> children = new ArrayList<>(items.length);
		for (Object item : items) {
			if (item instanceof RedisMessage message) {
				children.add(message);
			}
			else if (item instanceof Number number) {
				children.add(integer(number.longValue()));
			}
			else {
				children.add(bulk(String.valueOf(item)));
			}
		}
		return new ArrayRedisMessage(children);
	}

	static ArrayRedisMessage array(List<RedisMessage> children) {
		return children.isEmpty() ? EMPTY_ARRAY : new ArrayRedisMessage(children);
	}

}
