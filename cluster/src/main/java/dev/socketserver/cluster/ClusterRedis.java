package dev.socketserver.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * One node's operations on Redis: the {@link ClusterScripts} with their keys and arguments, and publishing. The
 * plain methods block for one round trip, so callers run on the cluster's own threads; the {@code …Pipelined}
 * ones issue the command on Lettuce's shared connection and return at once, where the factory shares one.
 */
final class ClusterRedis {

	private static final int REAP_BATCH = 1000;

	private final ClusterKeys keys;

	private final String node;

	private final byte[] nodeBytes;

	private final byte[] prefixBytes;

	private final RedisTemplate<String, byte[]> template;

	private final RedisConnectionFactory connectionFactory;

	/** How long a pipelined command may take, as the blocking ones may; {@code 0} where nothing is pipelined. */
	private final long pipelinedTimeoutMillis;

	ClusterRedis(RedisConnectionFactory connectionFactory, ClusterKeys keys, String node) {
		this.connectionFactory = connectionFactory;
		this.pipelinedTimeoutMillis = (connectionFactory instanceof LettuceConnectionFactory lettuce
				&& lettuce.getShareNativeConnection())
						? Math.max(1, lettuce.getClientConfiguration().getCommandTimeout().toMillis()) : 0;
		this.keys = keys;
		this.node = node;
		this.nodeBytes = ClusterKeys.bytes(node);
		this.prefixBytes = ClusterKeys.bytes(keys.prefix());
		RedisTemplate<String, byte[]> template = new RedisTemplate<>();
		template.setConnectionFactory(connectionFactory);
		template.setKeySerializer(RedisSerializer.string());
		template.setHashKeySerializer(RedisSerializer.string());
		template.setValueSerializer(RedisSerializer.byteArray());
		template.setHashValueSerializer(RedisSerializer.byteArray());
		template.afterPropertiesSet();
		this.template = template;
	}

	RedisTemplate<String, byte[]> template() {
		return this.template;
	}

	/**
	 * Writes this node's heartbeat.
	 * @return whether it still existed: if not, Redis lost this node's registry entries or others removed them
	 */
	boolean heartbeat(Duration ttl) {
		Long existed = this.template.execute(ClusterScripts.HEARTBEAT,
				List.of(this.keys.heartbeat(this.node), this.keys.nodes()), this.prefixBytes, this.nodeBytes,
				ClusterKeys.bytes(Long.toString(ttl.toMillis())),
				ClusterKeys.bytes(Long.toString(System.currentTimeMillis())));
		return existed != null && existed != 0;
	}

	/**
	 * Removes part of what dead nodes left.
	 * @return the live nodes, sorted
	 */
	@SuppressWarnings("unchecked")
	List<String> reap() {
		List<Object> live = this.template.execute(ClusterScripts.REAP, List.of(this.keys.nodes()), this.prefixBytes,
				ClusterKeys.bytes(Integer.toString(REAP_BATCH)));
		if (live == null) {
			return List.of();
		}
		List<String> nodes = new ArrayList<>(live.size());
		for (Object node : live) {
			nodes.add(text(node));
		}
		Collections.sort(nodes);
		return List.copyOf(nodes);
	}

	/**
	 * Removes this node's heartbeat and registry entries.
	 */
	void leave() {
		long left = 1;
		for (int round = 0; left > 0 && round < 10_000; round++) {
			Long remaining = this.template.execute(ClusterScripts.LEAVE,
					List.of(this.keys.heartbeat(this.node), this.keys.ownedKeys(this.node), this.keys.nodes()),
					this.prefixBytes, this.nodeBytes, ClusterKeys.bytes(Integer.toString(REAP_BATCH)));
			left = (remaining != null) ? remaining : 0;
		}
	}

	/**
	 * Publishes an envelope.
	 * @return the number of subscribers that got it
	 */
	long publish(String channel, ClusterEnvelope envelope) {
		Long receivers = this.template.convertAndSend(channel, envelope.encode());
		return (receivers != null) ? receivers : 0;
	}

	/**
	 * Publishes an envelope to every other live node holding a field of a registry hash, at most once.
	 */
	RouteResult route(String registryKey, ClusterEnvelope envelope) {
		return route(registryKey, null, envelope, ClusterDelivery.Mode.AT_MOST_ONCE, ClusterDelivery.DEFAULT);
	}

	/**
	 * Sends an envelope to every other live node holding a field of a registry hash, in the given mode, and stores
	 * it in the offline list when it reaches none and a list is given.
	 */
	@SuppressWarnings("unchecked")
	RouteResult route(String registryKey, @Nullable String offlineKey, ClusterEnvelope envelope,
			ClusterDelivery.Mode mode, ClusterDelivery delivery) {
		Object[] args = routeArguments(offlineKey, envelope, mode, delivery);
		List<Object> result = this.template.execute(ClusterScripts.ROUTE,
				List.of(registryKey, (offlineKey != null) ? offlineKey : registryKey), args);
		return routeResult(result);
	}

	/**
	 * Returns whether commands can be pipelined: the connection factory is Lettuce's, sharing one connection.
	 */
	boolean isPipelined() {
		return this.pipelinedTimeoutMillis > 0;
	}

	/**
	 * Issues {@link #route(String, String, ClusterEnvelope, ClusterDelivery.Mode, ClusterDelivery)} without
	 * waiting for it; only where {@link #isPipelined()}.
	 */
	@SuppressWarnings("unchecked")
	CompletableFuture<RouteResult> routePipelined(String registryKey, @Nullable String offlineKey,
			ClusterEnvelope envelope, ClusterDelivery.Mode mode, ClusterDelivery delivery) {
		Object[] args = routeArguments(offlineKey, envelope, mode, delivery);
		byte[][] values = new byte[args.length][];
		for (int i = 0; i < args.length; i++) {
			values[i] = (byte[]) args[i];
		}
		byte[][] keys = { ClusterKeys.bytes(registryKey),
				ClusterKeys.bytes((offlineKey != null) ? offlineKey : registryKey) };
		return this.<List<Object>>evalPipelined(ClusterScripts.ROUTE, keys, values)
			.thenApply(ClusterRedis::routeResult);
	}

	/**
	 * Issues {@link #publish} without waiting for it; only where {@link #isPipelined()}.
	 */
	CompletableFuture<Long> publishPipelined(String channel, ClusterEnvelope envelope) {
		byte[] bytes = envelope.encode();
		return pipelined((commands) -> commands.publish(ClusterKeys.bytes(channel), bytes));
	}

	private Object[] routeArguments(@Nullable String offlineKey, ClusterEnvelope envelope, ClusterDelivery.Mode mode,
			ClusterDelivery delivery) {
		boolean store = offlineKey != null;
		return new Object[] { this.prefixBytes, this.nodeBytes, envelope.encode(),
				ClusterKeys.bytes((mode == ClusterDelivery.Mode.AT_LEAST_ONCE) ? "stream" : "channel"),
				ClusterKeys.bytes(Long.toString(delivery.streamMaxLength())), ClusterKeys.bytes(store ? "1" : "0"),
				ClusterKeys.bytes(Long.toString(delivery.offlineRetention().toMillis())),
				ClusterKeys.bytes(Integer.toString(delivery.offlineMaxMessages())) };
	}

	private static RouteResult routeResult(@Nullable List<Object> result) {
		if (result == null || result.size() < 5) {
			return new RouteResult(0, 0, 0);
		}
		return new RouteResult(number(result.get(0)), number(result.get(1)), number(result.get(2)),
				number(result.get(3)) == 1, number(result.get(4)));
	}

	/**
	 * Runs a script by its digest, and by its text when Redis does not know it (after a restart), as
	 * {@link RedisTemplate#execute(RedisScript, List, Object...)} does.
	 */
	private <T> CompletableFuture<T> evalPipelined(RedisScript<?> script, byte[][] keys, byte[][] values) {
		return this.<T>pipelined((commands) -> commands.evalsha(script.getSha1(), ScriptOutputType.MULTI, keys, values))
			.exceptionallyCompose((ex) -> (cause(ex) instanceof RedisNoScriptException)
					? pipelined((commands) -> commands.eval(script.getScriptAsString(), ScriptOutputType.MULTI, keys,
							values))
					: CompletableFuture.failedFuture(cause(ex)));
	}

	/**
	 * Issues a command on the factory's shared connection. Asking for the connection does not block once it is
	 * open (the node's heartbeat opens it before the node counts as connected), and Lettuce reconnects it by
	 * itself; the command is timed out as a blocking one would be.
	 */
	private <T> CompletableFuture<T> pipelined(
			Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = ((LettuceConnection) connection).getNativeConnection();
			return command.apply(commands)
				.toCompletableFuture()
				.orTimeout(this.pipelinedTimeoutMillis, TimeUnit.MILLISECONDS);
		}
	}

	private static Throwable cause(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	/**
	 * Takes the envelopes stored for an offline identity, oldest first.
	 */
	@SuppressWarnings("unchecked")
	List<byte[]> drain(String offlineKey) {
		List<Object> stored = this.template.execute(ClusterScripts.DRAIN, List.of(offlineKey));
		if (stored == null) {
			return List.of();
		}
		List<byte[]> envelopes = new ArrayList<>(stored.size());
		for (Object envelope : stored) {
			envelopes.add((byte[]) envelope);
		}
		return envelopes;
	}

	/**
	 * Reads the other live nodes holding a field of a registry hash, with their connection counts.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Integer> presence(String registryKey) {
		List<Object> result = this.template.execute(ClusterScripts.PRESENCE, List.of(registryKey), this.prefixBytes,
				this.nodeBytes);
		Map<String, Integer> nodes = new LinkedHashMap<>();
		if (result != null) {
			for (int i = 0; i + 1 < result.size(); i += 2) {
				nodes.put(text(result.get(i)), number(result.get(i + 1)));
			}
		}
		return nodes;
	}

	private static String text(Object value) {
		return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static int number(Object value) {
		return (value instanceof Number number) ? number.intValue() : Integer.parseInt(text(value));
	}

	/**
	 * What a routed publish reached.
	 * @param nodes the other nodes that heard it
	 * @param connections their connections registered for the name
	 * @param missed live nodes that did not hear it (their subscription is gone)
	 * @param stored whether it reached no node and was stored for the offline identity
	 * @param trimmed stored messages of the identity dropped to keep the most allowed
	 */
	record RouteResult(int nodes, int connections, int missed, boolean stored, int trimmed) {

		RouteResult(int nodes, int connections, int missed) {
			this(nodes, connections, missed, false, 0);
		}

	}

}
