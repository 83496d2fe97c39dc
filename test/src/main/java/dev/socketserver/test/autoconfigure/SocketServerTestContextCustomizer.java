package dev.socketserver.test.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.socketserver.autoconfigure.SocketServerProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Prepares the context of a test of socket servers before it refreshes: disables the servers the test does not
 * select, and lets {@link LocalSocketServerPort @LocalSocketServerPort} name a server.
 */
class SocketServerTestContextCustomizer implements ContextCustomizer {

	private static final String PROPERTY_SOURCE_NAME = "socketServerTestServers";

	private static final Class<?> SPRING_RESOLVER = ContextAnnotationAutowireCandidateResolver.class;

	private final Set<String> servers;

	SocketServerTestContextCustomizer(List<String> servers) {
		this.servers = new LinkedHashSet<>(servers);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		// Only Spring's own resolver is replaced, by one that extends it; an application's own is left alone.
		if (beanFactory instanceof DefaultListableBeanFactory listable
				&& listable.getAutowireCandidateResolver().getClass() == SPRING_RESOLVER) {
			listable.setAutowireCandidateResolver(new LocalSocketServerPortResolver());
		}
		if (!this.servers.isEmpty()) {
			disableOtherServers(context.getEnvironment());
		}
	}

	private void disableOtherServers(ConfigurableEnvironment environment) {
		Set<String> declared = Binder.get(environment)
			.bind("socket.servers", Bindable.mapOf(String.class, SocketServerProperties.Server.class))
			.orElse(Map.of())
			.keySet();
		List<String> unknown = new ArrayList<>(this.servers);
		unknown.removeAll(declared);
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("The test selects socket servers " + unknown + ", which are not "
					+ "declared under socket.servers (declared: " + declared + ")");
		}
		Map<String, Object> disabled = new LinkedHashMap<>();
		for (String name : declared) {
			if (!this.servers.contains(name)) {
				disabled.put("socket.servers." + name + ".enabled", false);
			}
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, disabled));
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return obj == this || (obj instanceof SocketServerTestContextCustomizer other
				&& this.servers.equals(other.servers));
	}

	@Override
	public int hashCode() {
		return this.servers.hashCode();
	}

}
