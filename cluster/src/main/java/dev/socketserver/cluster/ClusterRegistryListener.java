package dev.socketserver.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionListener;
import org.jspecify.annotations.Nullable;

/**
 * Notes which identities and groups of which servers changed on this node, for the {@link ClusterRegistry} to
 * write to Redis later, off the event loop. It remembers only the names (many changes of one name are one write)
 * and never what changed: the registry reads the current local state when it writes, so no order of events can
 * leave it wrong.
 *
 * @since 0.1.0
 */
public final class ClusterRegistryListener implements ConnectionListener {

	private final Set<RegistryKey> changed = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Runnable onChange;

	/**
	 * Creates a listener that collects changes until a registry drains them.
	 */
	public ClusterRegistryListener() {
	}

	void onChange(@Nullable Runnable onChange) {
		this.onChange = onChange;
	}

	@Override
	public void connectionClosed(Connection connection, CloseReason reason) {
		String identity = connection.identity();
		if (identity != null) {
			changed(RegistryKey.identity(connection.serverName(), identity));
		}
		for (String group : connection.groups()) {
			changed(RegistryKey.group(connection.serverName(), group));
		}
	}

	@Override
	public void identityBound(Connection connection, String identity) {
		changed(RegistryKey.identity(connection.serverName(), identity));
	}

	@Override
	public void identityUnbound(Connection connection, String identity) {
		changed(RegistryKey.identity(connection.serverName(), identity));
	}

	@Override
	public void joined(Connection connection, String group) {
		changed(RegistryKey.group(connection.serverName(), group));
	}

	@Override
	public void left(Connection connection, String group) {
		changed(RegistryKey.group(connection.serverName(), group));
	}

	private void changed(RegistryKey key) {
		if (this.changed.add(key)) {
			Runnable onChange = this.onChange;
			if (onChange != null) {
				onChange.run();
			}
		}
	}

	Set<RegistryKey> changed() {
		return this.changed;
	}

	/**
	 * An identity or a group of a server.
	 */
	record RegistryKey(String server, boolean isGroup, String name) {

		static RegistryKey identity(String server, String identity) {
			return new RegistryKey(server, false, identity);
		}

		static RegistryKey group(String server, String group) {
			return new RegistryKey(server, true, group);
		}

	}

}
