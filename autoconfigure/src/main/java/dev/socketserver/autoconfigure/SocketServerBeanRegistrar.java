package dev.socketserver.autoconfigure;

import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
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
class SocketServerBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	@SuppressWarnings("NullAway.Init")
	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
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
		// Static factory methods rather than instance suppliers: AOT processing can write code for those only.
		RootBeanDefinition server = new RootBeanDefinition(SocketServerBeanRegistrar.class);
		server.setTargetType(NettySocketServer.class);
		server.setFactoryMethodName("server");
		server.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		server.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
		server.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(serverBeanName, server);
		RootBeanDefinition connections = new RootBeanDefinition(SocketServerBeanRegistrar.class);
		connections.setTargetType(ConnectionManager.class);
		connections.setFactoryMethodName("connections");
		connections.getConstructorArgumentValues()
			.addIndexedArgumentValue(0, new RuntimeBeanReference(serverBeanName));
		connections.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(beanName(name, "ConnectionManager"), connections);
	}

	/**
	 * Creates the server of a name; the factory method of each server's bean.
	 */
	static NettySocketServer server(SocketServerFactory factory, String name) {
		return factory.create(name);
	}

	/**
	 * Returns a server's connection manager; the factory method of each manager's bean.
	 */
	static ConnectionManager connections(SocketServer server) {
		return server.connections();
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
