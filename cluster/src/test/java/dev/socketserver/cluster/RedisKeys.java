package dev.socketserver.cluster;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Looks into a test's Redis with a plain Lettuce client, to see what the cluster left there.
 */
final class RedisKeys implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	RedisKeys(RedisServer server) {
		this.client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
		this.connection = this.client.connect();
	}

	List<String> matching(String pattern) {
		return this.connection.sync().keys(pattern);
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
