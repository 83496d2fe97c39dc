package dev.socketserver.connection;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who an authenticated connection is: a name, which becomes the connection's identity, the authorities it holds
 * and what else the authenticator learned about it.
 *
 * @param name the name, such as a device or user id
 * @param authorities what it may do, such as {@code "valve:write"}
 * @param attributes what else is known, such as a tenant
 * @since 0.1.0
 */
public record SocketPrincipal(String name, Set<String> authorities, Map<String, Object> attributes) {

	/**
	 * Validates the principal.
	 */
	public SocketPrincipal {
		Objects.requireNonNull(name, "'name' must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("'name' must not be blank");
		}
		authorities = Set.copyOf(authorities);
		attributes = Map.copyOf(attributes);
	}

	/**
	 * Creates a principal with some authorities and no attributes.
	 * @param name the name
	 * @param authorities what it may do
	 * @return the principal
	 */
	public static SocketPrincipal of(String name, String... authorities) {
		return new SocketPrincipal(name, Set.of(authorities), Map.of());
	}

	/**
	 * Returns whether the principal holds an authority.
	 * @param authority the authority
	 * @return whether it is held
	 */
	public boolean hasAuthority(String authority) {
		return this.authorities.contains(authority);
	}

}
