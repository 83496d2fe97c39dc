package dev.socketserver.autoconfigure;

import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers two beans per enabled server under {@code socket.servers}: the server ({@code <name>SocketServer})
 * and its connection manager ({@code <name>ConnectionManager}), both qualified with the server's name so that
 * {@code @Qualifier("chat") ConnectionManager} injects the chat server's manager.
 */
class SocketServerBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	@SuppressWarnings("NullAway.Init")
	private Environment environment;

	@SuppressWarnings("NullAway.Init")
	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (DeclaredServer server : DeclaredServer.bind(Binder.get(this.environment)).values()) {
			if (server.properties().isEnabled()) {
				register(registry, server.name());
			}
		}
	}

	private void register(BeanDefinitionRegistry registry, String name) {
		String serverBeanName = beanName(name, "SocketServer");
		RootBeanDefinition server = new RootBeanDefinition(NettySocketServer.class,
				() -> this.beanFactory.getBean(SocketServerFactory.class).create(name));
		server.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(serverBeanName, server);
		RootBeanDefinition connections = new RootBeanDefinition(ConnectionManager.class,
				() -> this.beanFactory.getBean(serverBeanName, SocketServer.class).connections());
		connections.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(beanName(name, "ConnectionManager"), connections);
	}

	/**
	 * Returns the bean name for a server's bean: its name in camel case and a suffix, {@code line-echo} giving
	 * {@code lineEchoSocketServer}.
	 */
	static String beanName(String serverName, String suffix) {
		StringBuilder name = new StringBuilder(serverName.length() + suffix.length());
		boolean upper = false;
		for (char c : serverName.toCharArray()) {
			if (c == '-' || c == '_' || c == '.' || c == ' ') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.append(suffix).toString();
	}

}
