package dev.socketserver.test.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Publishes the port each running server bound as {@code local.socket.server.port.<name>}, and as
 * {@code local.socket.server.port} when there is one server only, once the context has started its servers: as
 * Boot publishes {@code local.server.port} for its web server.
 */
class SocketServerPortsPublisher implements ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware {

	static final String PROPERTY_SOURCE_NAME = "socket.server.ports";

	static final String PORT_PROPERTY = "local.socket.server.port";

	private final ObjectProvider<SocketServers> servers;

	@SuppressWarnings("NullAway.Init")
	private ApplicationContext context;

	SocketServerPortsPublisher(ObjectProvider<SocketServers> servers) {
		this.servers = servers;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (event.getApplicationContext() != this.context
				|| !(this.context instanceof ConfigurableApplicationContext configurable)) {
			return;
		}
		SocketServers servers = this.servers.getIfAvailable();
		if (servers == null) {
			return;
		}
		Map<String, Object> ports = new HashMap<>();
		for (SocketServer server : servers.all()) {
			if (server.isRunning()) {
				ports.put(PORT_PROPERTY + "." + server.name(), server.port());
			}
		}
		if (servers.all().size() == 1 && ports.size() == 1) {
			ports.put(PORT_PROPERTY, ports.values().iterator().next());
		}
		ConfigurableEnvironment environment = configurable.getEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		// Replaced, not merged: a refreshed context may have restarted its servers on other ports.
		sources.remove(PROPERTY_SOURCE_NAME);
		sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, ports));
	}

}
