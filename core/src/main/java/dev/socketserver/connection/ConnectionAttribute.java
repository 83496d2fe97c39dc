package dev.socketserver.connection;

import java.util.Objects;

import io.netty.util.AttributeKey;

/**
 * Typed key of application data attached to a connection. Keys with the same name are the same key; declare
 * each once as a constant.
 *
 * <pre class="code">
 * static final ConnectionAttribute&lt;Session&gt; SESSION = ConnectionAttribute.named("session");
 * connection.setAttribute(SESSION, session);
 * </pre>
 *
 * @param <T> the type of the value
 * @since 0.1.0
 */
public final class ConnectionAttribute<T> {

	private final String name;

	private final AttributeKey<T> key;

	private ConnectionAttribute(String name) {
		this.name = name;
		this.key = AttributeKey.valueOf("dev.socketserver.connection:" + name);
	}

	/**
	 * Returns the key of the given name.
	 * @param <T> the type of the value
	 * @param name the name
	 * @return the key
	 */
	public static <T> ConnectionAttribute<T> named(String name) {
		Objects.requireNonNull(name, "'name' must not be null");
		return new ConnectionAttribute<>(name);
	}

	/**
	 * Returns the name of this key.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	AttributeKey<T> key() {
		return this.key;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ConnectionAttribute<?> attribute) && this.key == attribute.key;
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
