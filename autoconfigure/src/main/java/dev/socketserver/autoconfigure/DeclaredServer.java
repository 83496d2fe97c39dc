package dev.socketserver.autoconfigure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.socketserver.autoconfigure.SocketServerProperties.Server;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
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
 * @param ownProperties the properties its own section sets, below {@code socket.servers.<name>}, such as
 * {@code auth.timeout}
 */
record DeclaredServer(String name, Server properties, Set<String> ownProperties) implements Declared {

	private static final String SERVERS = "socket.servers";

	DeclaredServer {
		ownProperties = Set.copyOf(ownProperties);
	}

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
			ConfigurationPropertyName prefix = ConfigurationPropertyName.of(SERVERS).append(name);
			OwnProperties own = new OwnProperties(prefix);
			binder.bind(prefix, Bindable.ofInstance(server), own);
			servers.put(name, new DeclaredServer(name, server, own.names));
		}
		return servers;
	}

	@Override
	public CodecProperties codecProperties() {
		return this.properties;
	}

	/**
	 * Returns the full name of one of the server's properties, for error messages.
	 * @param path the property below the server, such as {@code ssl.bundle}
	 * @return the property name, such as {@code socket.servers.echo.ssl.bundle}
	 */
	@Override
	public String property(String path) {
		return SERVERS + "." + this.name + "." + path;
	}

	/**
	 * Returns the first of some properties that the server's own section sets, as opposed to inheriting it from
	 * {@code socket.defaults}.
	 * @param paths the properties below the server, such as {@code auth.timeout}
	 * @return the first one set, or {@code null} if none is
	 */
	@Nullable String firstOwn(List<String> paths) {
		for (String path : paths) {
			if (this.ownProperties.contains(path)) {
				return path;
			}
		}
		return null;
	}

	/**
	 * Records what is bound from a server's own section: its properties, and the groups and lists holding them
	 * (such as {@code auth} itself), whether a list is given as one value or by index.
	 */
	private static final class OwnProperties extends AbstractBindHandler {

		private final ConfigurationPropertyName prefix;

		private final Set<String> names = new LinkedHashSet<>();

		OwnProperties(ConfigurationPropertyName prefix) {
			this.prefix = prefix;
		}

		@Override
		public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			if (this.prefix.isAncestorOf(name)) {
				this.names.add(name.subName(this.prefix.getNumberOfElements()).toString());
			}
			return super.onSuccess(name, target, context, result);
		}

	}

}
