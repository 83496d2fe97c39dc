package dev.socketserver.connection;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Who is who on one server: the connections bound to each identity and the members of each group, kept in step
 * with the connections' own identity and groups. Safe from any thread; a bind or join racing with the
 * connection's close undoes itself.
 */
final class Memberships {

	private final ConcurrentHashMap<String, Set<ChannelConnection>> identities = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Set<ChannelConnection>> groups = new ConcurrentHashMap<>();

	@Nullable Set<ChannelConnection> boundTo(String identity) {
		return this.identities.get(identity);
	}

	@Nullable Set<ChannelConnection> membersOf(String group) {
		return this.groups.get(group);
	}

	Set<String> identities() {
		return Collections.unmodifiableSet(this.identities.keySet());
	}

	Set<String> groups() {
		return Collections.unmodifiableSet(this.groups.keySet());
	}

	/**
	 * Binds a connection to an identity, replacing its previous one.
	 * @return whether the binding changed
	 */
	boolean bind(ChannelConnection connection, String identity) {
		Objects.requireNonNull(identity, "'identity' must not be null");
		synchronized (connection) {
			String previous = connection.identity;
			if (identity.equals(previous)) {
				return false;
			}
			if (previous != null) {
				removeMember(this.identities, previous, connection);
			}
			connection.identity = identity;
			addMember(this.identities, identity, connection);
		}
		// A close racing with the bind has either seen the identity or is seen here.
		if (connection.unregistered) {
			removeMember(this.identities, identity, connection);
		}
		return true;
	}

	/**
	 * Binds a connection that has no identity yet to one that no other connection holds, as one step: two
	 * connections racing for the same identity cannot both win.
	 * @return whether it was bound; {@code false} if another connection holds the identity
	 */
	boolean bindAlone(ChannelConnection connection, String identity) {
		Objects.requireNonNull(identity, "'identity' must not be null");
		boolean[] bound = new boolean[1];
		synchronized (connection) {
			this.identities.compute(identity, (name, members) -> {
				if (members != null && !members.isEmpty() && !members.contains(connection)) {
					return members;
				}
				Set<ChannelConnection> set = (members != null) ? members : ConcurrentHashMap.newKeySet();
				set.add(connection);
				bound[0] = true;
				return set;
			});
			if (!bound[0]) {
				return false;
			}
			connection.identity = identity;
		}
		if (connection.unregistered) {
			removeMember(this.identities, identity, connection);
		}
		return true;
	}

	/**
	 * Removes a connection's identity binding.
	 * @return the identity it was bound to, or {@code null}
	 */
	@Nullable String unbind(ChannelConnection connection) {
		synchronized (connection) {
			String previous = connection.identity;
			if (previous != null) {
				connection.identity = null;
				removeMember(this.identities, previous, connection);
			}
			return previous;
		}
	}

	/**
	 * Adds a connection to a group.
	 * @return whether it was not a member before
	 */
	boolean join(ChannelConnection connection, String group) {
		Objects.requireNonNull(group, "'group' must not be null");
		synchronized (connection) {
			if (connection.isMemberOf(group)) {
				return false;
			}
			String[] current = connection.groups;
			String[] updated = Arrays.copyOf(current, current.length + 1);
			updated[current.length] = group;
			connection.groups = updated;
			addMember(this.groups, group, connection);
		}
		if (connection.unregistered) {
			removeMember(this.groups, group, connection);
		}
		return true;
	}

	/**
	 * Removes a connection from a group.
	 * @return whether it was a member
	 */
	boolean leave(ChannelConnection connection, String group) {
		synchronized (connection) {
			if (!connection.isMemberOf(group)) {
				return false;
			}
			connection.groups = Arrays.stream(connection.groups)
				.filter((name) -> !name.equals(group))
				.toArray(String[]::new);
			removeMember(this.groups, group, connection);
			return true;
		}
	}

	private static void addMember(ConcurrentHashMap<String, Set<ChannelConnection>> index, String key,
			ChannelConnection connection) {
		index.compute(key, (name, members) -> {
			Set<ChannelConnection> set = (members != null) ? members : ConcurrentHashMap.newKeySet();
			set.add(connection);
			return set;
		});
	}

	private static void removeMember(ConcurrentHashMap<String, Set<ChannelConnection>> index, String key,
			ChannelConnection connection) {
		index.computeIfPresent(key, (name, members) -> {
			members.remove(connection);
			return members.isEmpty() ? null : members;
		});
	}

	/**
	 * Removes a closing connection from every index; its unregistered flag is already set.
	 */
	void removeAll(ChannelConnection connection) {
		synchronized (connection) {
			String identity = connection.identity;
			if (identity != null) {
				removeMember(this.identities, identity, connection);
			}
			for (String group : connection.groups) {
				removeMember(this.groups, group, connection);
			}
		}
	}

}
