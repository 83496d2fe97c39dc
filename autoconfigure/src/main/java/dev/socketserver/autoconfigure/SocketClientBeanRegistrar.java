package dev.socketserver.autoconfigure;

import dev.socketserver.client.NettySocketClient;

import org.springframework.beans.factory.annotation.Qualifier;
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
 * Registers one bean per enabled client under {@code socket.clients}: the client ({@code <name>SocketClient}),
 * qualified with the client's name so that {@code @Qualifier("orders") SocketClient} injects the orders client.
 */
class SocketClientBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	@SuppressWarnings("NullAway.Init")
	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (DeclaredClient client : DeclaredClient.bind(Binder.get(this.environment)).values()) {
			if (client.properties().isEnabled()) {
				String name = client.name();
				// A static factory method rather than an instance supplier: AOT processing can write code for it.
				RootBeanDefinition definition = new RootBeanDefinition(SocketClientBeanRegistrar.class);
				definition.setTargetType(NettySocketClient.class);
				definition.setFactoryMethodName("client");
				definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
				definition.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
				definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
				registry.registerBeanDefinition(SocketServerBeanRegistrar.beanName(name, "SocketClient"), definition);
			}
		}
	}

	/**
	 * Creates the client of a name; the factory method of each client's bean.
	 */
	static NettySocketClient client(SocketClientFactory factory, String name) {
		return factory.create(name);
	}

}
