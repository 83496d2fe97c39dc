package dev.socketserver.demo.resp;

import io.netty.handler.codec.redis.RedisMessage;

/**
 * A bulk string reply over an array: unlike Netty's {@code FullBulkStringRedisMessage} it holds no buffer and no
 * reference count, so the reply to a {@code GET}, whose value the store already keeps as an array, costs one small
 * object and no release.
 *
 * @param value the bytes of the reply, not copied: never changed after the reply is made
 */
record BulkReply(byte[] value) implements RedisMessage {

}
