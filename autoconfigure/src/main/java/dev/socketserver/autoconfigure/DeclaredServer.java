package dev.socketserver.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.socketserver.autoconfigure.SocketServerProperties.Server;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * A server declared under {@code socket.servers.<name>}, with its effective properties: {@code socket.defaults}
 * overridden by its own. The one place where those two are bound together; everything that maps a server's
 * properties takes one of these.
 *
 * @param name the server's name
 * @param properties its effective properties
 */
record DeclaredServer(String name, Server properties) {

	private static final String SERVERS = "socket.servers";

	/**
	 * Binds every declared server.
	 * @param binder the binder of the environment
	 * @return the servers by name, in declaration order
	 */
	static Map<String, DeclaredServer> bind(Binder binder) {
		Map<String, DeclaredServer> servers = new LinkedHashMap<>();
		for (String name : binder.bind(SERVERS, Bindable.mapOf(String.class, Server.class)).orElse(Map.of()).keySet()) {
			Server server = new Server();
			binder.bind("socket.defaults", Bindable.ofInstance(server));
			binder.bind(ConfigurationPropertyName.of(SERVERS).append(name), Bindable.ofInstance(server));
			servers.put(name, new DeclaredServer(name, server));
		}
		return servers;
	}

	/**
	 * Returns the full name of one of the server's properties, for error messages.
	 * @param path the property below the server, such as {@code ssl.bundle}
	 * @return the property name, such as {@code socket.servers.echo.ssl.bundle}
	 */
	String property(String path) {
		return SERVERS + "." + this.name + "." + path;
	}

}
