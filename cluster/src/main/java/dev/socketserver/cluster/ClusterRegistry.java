package dev.socketserver.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.socketserver.cluster.ClusterRegistryListener.RegistryKey;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * This node's entries in the cluster registry: for each identity and group with local connections, a field
 * (this node's id, the connection count) in the name's hash, and the hash's name in this node's set of owned
 * keys, so that whoever finds the node dead can remove its fields. Writes happen on the cluster's scheduler,
 * batched in one pipeline per flush; a flush that fails makes the next heartbeat write everything again.
 */
final class ClusterRegistry {

	private static final Logger logger = LoggerFactory.getLogger(ClusterRegistry.class);

	private final ClusterRegistryListener changes;

	private final SocketServers servers;

	private final RedisTemplate<String, byte[]> redis;

	private final ClusterKeys keys;

	private final String node;

	private final byte[] nodeBytes;

	private final ScheduledExecutorService scheduler;

	private final long flushDelayNanos;

	private final AtomicBoolean flushScheduled = new AtomicBoolean();

	private volatile boolean resyncNeeded = true;

	private volatile @Nullable Consumer<List<RegistryKey>> registered;

	ClusterRegistry(ClusterRegistryListener changes, SocketServers servers, RedisTemplate<String, byte[]> redis,
			ClusterKeys keys, String node, ScheduledExecutorService scheduler, long flushDelayNanos) {
		this.changes = changes;
		this.servers = servers;
		this.redis = redis;
		this.keys = keys;
		this.node = node;
		this.nodeBytes = ClusterKeys.bytes(node);
		this.scheduler = scheduler;
		this.flushDelayNanos = flushDelayNanos;
	}

	void start() {
		this.changes.onChange(this::scheduleFlush);
	}

	void stop() {
		this.changes.onChange(null);
	}

	/**
	 * Returns the number of entries this node holds: its identities and groups with open connections.
	 */
	int size() {
		int size = 0;
		for (SocketServer server : this.servers.all()) {
			size += server.connections().identities().size() + server.connections().groups().size();
		}
		return size;
	}

	/**
	 * Sets what is told, after each successful write, the identities written with local connections.
	 */
	void onRegistered(@Nullable Consumer<List<RegistryKey>> registered) {
		this.registered = registered;
	}

	void resyncNeeded() {
		this.resyncNeeded = true;
	}

	boolean isResyncNeeded() {
		return this.resyncNeeded;
	}

	private void scheduleFlush() {
		if (this.flushScheduled.compareAndSet(false, true)) {
			try {
				this.scheduler.schedule(this::flush, this.flushDelayNanos, TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// Shutting down: the node leaves the registry anyway.
				this.flushScheduled.set(false);
			}
		}
	}

	/**
	 * Writes the changed names as they are now.
	 */
	synchronized void flush() {
		this.flushScheduled.set(false);
		List<RegistryKey> batch = new ArrayList<>();
		Iterator<RegistryKey> changed = this.changes.changed().iterator();
		while (changed.hasNext()) {
			batch.add(changed.next());
			changed.remove();
		}
		if (batch.isEmpty() || this.resyncNeeded) {
			// A pending resync writes these names too.
			return;
		}
		Map<String, Integer> counts = new HashMap<>();
		for (RegistryKey key : batch) {
			counts.put(redisKey(key), localCount(key));
		}
		try {
			write(counts);
		}
		catch (RuntimeException ex) {
			this.resyncNeeded = true;
			logger.debug("Could not write {} registry entries of cluster node '{}'; all will be written again",
					counts.size(), this.node, ex);
			return;
		}
		List<RegistryKey> identities = new ArrayList<>();
		for (RegistryKey key : batch) {
			if (!key.isGroup() && counts.getOrDefault(redisKey(key), 0) > 0) {
				identities.add(key);
			}
		}
		registered(identities);
	}

	private void registered(List<RegistryKey> identities) {
		Consumer<List<RegistryKey>> registered = this.registered;
		if (registered != null && !identities.isEmpty()) {
			registered.accept(identities);
		}
	}

	/**
	 * Writes every local name and removes the fields this node holds for names no longer local: after Redis lost
	 * them (restart, or this node was taken for dead) or after a failed flush.
	 */
	synchronized void resync() {
		this.changes.changed().clear();
		this.resyncNeeded = false;
		Map<String, Integer> counts = new HashMap<>();
		List<RegistryKey> identities = new ArrayList<>();
		for (SocketServer server : this.servers.all()) {
			ConnectionManager connections = server.connections();
			for (String identity : connections.identities()) {
				counts.put(this.keys.identity(server.name(), identity), connections.connectionsOf(identity).size());
				identities.add(RegistryKey.identity(server.name(), identity));
			}
			for (String group : connections.groups()) {
				counts.put(this.keys.group(server.name(), group), connections.groupSize(group));
			}
		}
		try {
			Set<byte[]> owned = this.redis.execute((RedisCallback<Set<byte[]>>) (connection) -> connection
				.setCommands()
				.sMembers(ClusterKeys.bytes(this.keys.ownedKeys(this.node))));
			if (owned != null) {
				Set<String> stale = new HashSet<>();
				for (byte[] key : owned) {
					stale.add(new String(key, StandardCharsets.UTF_8));
				}
				stale.removeAll(counts.keySet());
				stale.forEach((key) -> counts.put(key, 0));
			}
			write(counts);
			logger.info("Cluster node '{}' registered {} identities and groups", this.node, counts.size());
		}
		catch (RuntimeException ex) {
			this.resyncNeeded = true;
			throw ex;
		}
		registered(identities);
	}

	private void write(Map<String, Integer> counts) {
		if (counts.isEmpty()) {
			return;
		}
		byte[] owned = ClusterKeys.bytes(this.keys.ownedKeys(this.node));
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			counts.forEach((key, count) -> write(connection, owned, ClusterKeys.bytes(key), count));
			return null;
		});
	}

	private void write(RedisConnection connection, byte[] owned, byte[] key, int count) {
		if (count > 0) {
			connection.hashCommands().hSet(key, this.nodeBytes, ClusterKeys.bytes(Integer.toString(count)));
			connection.setCommands().sAdd(owned, key);
		}
		else {
			connection.hashCommands().hDel(key, this.nodeBytes);
			connection.setCommands().sRem(owned, key);
		}
	}

	private String redisKey(RegistryKey key) {
		return key.isGroup() ? this.keys.group(key.server(), key.name())
				: this.keys.identity(key.server(), key.name());
	}

	private int localCount(RegistryKey key) {
		ConnectionManager connections;
		try {
			connections = this.servers.get(key.server()).connections();
		}
		catch (RuntimeException ex) {
			return 0;
		}
		return key.isGroup() ? connections.groupSize(key.name()) : connections.connectionsOf(key.name()).size();
	}

}
