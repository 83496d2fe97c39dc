package dev.socketserver.demo.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.handler.codec.redis.RedisMessage;

/**
 * A bulk string reply over an array: unlike Netty's {@code FullBulkStringRedisMessage} it holds no buffer and no
 * reference count, so the reply to a {@code GET}, whose value the store already keeps as an array, costs one small
 * object and no release.
 *
 * @param value the bytes of the reply, not copied: never changed after the reply is made
 */
record BulkReply(byte[] value) implements RedisMessage {

	@Override
	public boolean equals(Object other) {
		return (other instanceof BulkReply reply) && Arrays.equals(this.value, reply.value);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.value);
	}

	/**
	 * Shows the value as text, as a wire tap lists it: {@code BulkReply[hello]}.
	 */
	@Override
	public String toString() {
		return "BulkReply[" + new String(this.value, StandardCharsets.UTF_8) + "]";
	}

}
