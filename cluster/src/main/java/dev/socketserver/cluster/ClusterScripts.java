package dev.socketserver.cluster;

import java.util.List;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts the cluster runs in Redis: each reads liveness and registry and acts on them in one atomic
 * step and one round trip, so that no node routes to, or cleans up after, a node on a stale view. The key layout
 * is that of {@link ClusterKeys}; every script gets the prefix as its first argument.
 */
final class ClusterScripts {

	/**
	 * Refreshes a node's heartbeat and lists it among the nodes. KEYS: heartbeat, nodes. ARGV: prefix, node, time
	 * to live in milliseconds, value. Returns 1 if the heartbeat still existed, 0 if it had expired (or Redis lost
	 * it), in which case the node's registry entries must be written again.
	 */
	static final RedisScript<Long> HEARTBEAT = RedisScript.of("""
			local existed = redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[3], 'GET')
			redis.call('SADD', KEYS[2], ARGV[2])
			if existed then return 1 else return 0 end
			""", Long.class);

	/**
	 * Lists the live nodes and removes what dead ones left, a bounded number of registry entries per dead node and
	 * call, and a dead node's stream once its entries are gone. KEYS: nodes. ARGV: prefix, entries per dead node.
	 * Returns the live node ids.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> REAP = new DefaultRedisScript<>("""
			local live = {}
			for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
				if redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 1 then
					table.insert(live, node)
				else
					local owned = ARGV[1] .. 'node:' .. node .. ':keys'
					for _, key in ipairs(redis.call('SPOP', owned, tonumber(ARGV[2]))) do
						redis.call('HDEL', key, node)
					end
					if redis.call('SCARD', owned) == 0 then
						redis.call('SREM', KEYS[1], node)
						redis.call('DEL', ARGV[1] .. 'stream:' .. node)
					end
				end
			end
			return live
			""", List.class);

	/**
	 * Removes a leaving node: its heartbeat, a bounded number of its registry entries per call and, once none is
	 * left, its place among the nodes and its stream. KEYS: heartbeat, owned keys, nodes. ARGV: prefix, node,
	 * entries per call. Returns the number of entries left.
	 */
	static final RedisScript<Long> LEAVE = RedisScript.of("""
			redis.call('DEL', KEYS[1])
			for _, key in ipairs(redis.call('SPOP', KEYS[2], tonumber(ARGV[3]))) do
				redis.call('HDEL', key, ARGV[2])
			end
			local left = redis.call('SCARD', KEYS[2])
			if left == 0 then
				redis.call('SREM', KEYS[3], ARGV[2])
				redis.call('DEL', ARGV[1] .. 'stream:' .. ARGV[2])
			end
			return left
			""", Long.class);

	/**
	 * Sends an envelope to every other live node that holds a field in a registry hash: published on the node's
	 * channel (at most once), or added to the node's stream (at least once, {@code XADD MAXLEN ~}). When it
	 * reaches no node and storing is asked for, the envelope is appended to the offline list of the identity
	 * instead, in the same atomic step, so that a node binding the identity either is seen here or drains the
	 * list after it wrote its field. KEYS: registry hash, offline list. ARGV: prefix, this node, envelope, mode
	 * ({@code stream} or {@code channel}), stream length, store when missed ({@code 1} or {@code 0}), retention in
	 * milliseconds, most stored messages. Returns {nodes reached, their connection count, nodes that are live but
	 * did not hear it, 1 if stored, stored messages dropped by the trim}.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> ROUTE = new DefaultRedisScript<>("""
			local entries = redis.call('HGETALL', KEYS[1])
			local nodes, connections, missed = 0, 0, 0
			for i = 1, #entries, 2 do
				local node = entries[i]
				if node ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 1 then
					if ARGV[4] == 'stream' then
						redis.call('XADD', ARGV[1] .. 'stream:' .. node, 'MAXLEN', '~', ARGV[5], '*', 'e', ARGV[3])
						nodes = nodes + 1
						connections = connections + tonumber(entries[i + 1])
					elseif redis.call('PUBLISH', ARGV[1] .. 'channel:' .. node, ARGV[3]) > 0 then
						nodes = nodes + 1
						connections = connections + tonumber(entries[i + 1])
					else
						missed = missed + 1
					end
				end
			end
			local stored, trimmed = 0, 0
			if nodes == 0 and ARGV[6] == '1' then
				local length = redis.call('RPUSH', KEYS[2], ARGV[3])
				local most = tonumber(ARGV[8])
				if length > most then
					redis.call('LTRIM', KEYS[2], -most, -1)
					trimmed = length - most
				end
				redis.call('PEXPIRE', KEYS[2], ARGV[7])
				stored = 1
			end
			return {nodes, connections, missed, stored, trimmed}
			""", List.class);

	/**
	 * Takes every message stored for an offline identity, oldest first. KEYS: offline list. Returns the stored
	 * envelopes.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> DRAIN = new DefaultRedisScript<>("""
			local stored = redis.call('LRANGE', KEYS[1], 0, -1)
			redis.call('DEL', KEYS[1])
			return stored
			""", List.class);

	/**
	 * Reads the fields of a registry hash that belong to other live nodes. KEYS: registry hash. ARGV: prefix, this
	 * node. Returns {node, count, node, count, ...}.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> PRESENCE = new DefaultRedisScript<>("""
			local entries = redis.call('HGETALL', KEYS[1])
			local live = {}
			for i = 1, #entries, 2 do
				local node = entries[i]
				if node ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 1 then
					table.insert(live, node)
					table.insert(live, tonumber(entries[i + 1]))
				end
			end
			return live
			""", List.class);

	private ClusterScripts() {
	}

}
