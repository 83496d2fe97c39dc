package dev.socketserver.benchmarks.cluster;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The floor: plain Lettuce, a publisher connection and a subscriber connection on the same Redis, one channel per
 * identity; no socket server, no envelope, no registry.
 *
 * @since 0.1.0
 */
final class LettucePath implements SendPath {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> publisher;

	private final StatefulRedisPubSubConnection<String, String> subscriber;

	private final String[] channels;

	LettucePath(int redisPort, int identities, String prefix, Receiver receiver) {
		this.client = RedisClient.create(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(redisPort)
			.withTimeout(Duration.ofSeconds(5))
			.build());
		this.channels = new String[identities];
		for (int i = 0; i < identities; i++) {
			this.channels[i] = prefix + "id-" + i;
		}
		this.subscriber = this.client.connectPubSub();
		this.subscriber.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				receiver.received(identityOf(channel), message);
			}

		});
		this.subscriber.sync().subscribe(this.channels);
		this.publisher = this.client.connect();
	}

	private int identityOf(String channel) {
		return Integer.parseInt(channel, channel.lastIndexOf('-') + 1, channel.length(), 10);
	}

	@Override
	public CompletionStage<Integer> send(int identity, String message) {
		return this.publisher.async().publish(this.channels[identity], message).thenApply(Long::intValue);
	}

	@Override
	public void close() {
		this.publisher.close();
		this.subscriber.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
