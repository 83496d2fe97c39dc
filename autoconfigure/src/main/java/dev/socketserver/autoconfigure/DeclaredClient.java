package dev.socketserver.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * A client declared under {@code socket.clients.<name>}, with its effective properties:
 * {@code socket.client-defaults} overridden by its own.
 *
 * @param name the client's name
 * @param properties its effective properties
 */
record DeclaredClient(String name, SocketClientProperties properties) implements Declared {

	private static final String CLIENTS = "socket.clients";

	/**
	 * Binds every declared client.
	 * @param binder the binder of the environment
	 * @return the clients by name, in declaration order
	 */
	static Map<String, DeclaredClient> bind(Binder binder) {
		Map<String, DeclaredClient> clients = new LinkedHashMap<>();
		for (String name : binder.bind(CLIENTS, Bindable.mapOf(String.class, SocketClientProperties.class))
			.orElse(Map.of())
			.keySet()) {
			SocketClientProperties client = new SocketClientProperties();
			binder.bind("socket.client-defaults", Bindable.ofInstance(client));
			binder.bind(ConfigurationPropertyName.of(CLIENTS).append(name), Bindable.ofInstance(client));
			clients.put(name, new DeclaredClient(name, client));
		}
		return clients;
	}

	@Override
	public CodecProperties codecProperties() {
		return this.properties;
	}

	@Override
	public String property(String path) {
		return CLIENTS + "." + this.name + "." + path;
	}

}
