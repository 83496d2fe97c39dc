package dev.socketserver.autoconfigure;

import java.util.List;
import java.util.concurrent.Executors;

import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.Payload;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.ExecutableHint;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints a native image needs: registered through {@code META-INF/spring/aot.factories}, for the
 * reflective lookups of the servers and for each controller's handler methods and payload types.
 */
class SocketServerRuntimeHintsTests {

	private final SpringFactoriesLoader aotFactories = SpringFactoriesLoader
		.forResourceLocation("META-INF/spring/aot.factories");

	@Test
	void registersTheVirtualThreadApiReachedFromJava17Bytecode() {
		RuntimeHints hints = new RuntimeHints();
		List<RuntimeHintsRegistrar> registrars = this.aotFactories.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(SocketServerRuntimeHints.class);
		registrars.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(invoked(hints.reflection().getTypeHint(Thread.class))).contains("ofVirtual");
		assertThat(invoked(hints.reflection().getTypeHint(TypeReference.of("java.lang.Thread$Builder"))))
			.contains("name", "factory");
		assertThat(invoked(hints.reflection().getTypeHint(Executors.class))).contains("newThreadPerTaskExecutor");
	}

	@Test
	void registersEachControllersHandlerMethodsAndTheirPayloadAndReplyTypes() {
		assertThat(this.aotFactories.load(BeanRegistrationAotProcessor.class))
			.hasAtLeastOneElementOfType(SocketControllerBeanRegistrationAotProcessor.class);
		assertThat(new SocketControllerBeanRegistrationAotProcessor().processAheadOfTime(registered(Telemetry.class)))
			.isNotNull();
		assertThat(new SocketControllerBeanRegistrationAotProcessor().processAheadOfTime(registered(String.class)))
			.isNull();
		RuntimeHints hints = new RuntimeHints();
		SocketControllerBeanRegistrationAotProcessor.registerHints(hints, Telemetry.class);
		assertThat(invoked(hints.reflection().getTypeHint(Telemetry.class))).containsExactly("reading");
		assertThat(hints.reflection().getTypeHint(Reading.class)).isNotNull();
		assertThat(hints.reflection().getTypeHint(Ack.class)).isNotNull();
	}

	private static RegisteredBean registered(Class<?> type) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(type));
		return RegisteredBean.of(beanFactory, "bean");
	}

	private static List<String> invoked(TypeHint hint) {
		assertThat(hint).isNotNull();
		return hint.methods()
			.filter((method) -> method.getMode() == ExecutableMode.INVOKE)
			.map(ExecutableHint::getName)
			.toList();
	}

	@SocketController("devices")
	static class Telemetry {

		@OnMessage("telemetry")
		Ack reading(@Payload Reading reading) {
			return new Ack(reading.seq());
		}

		String notAHandler() {
			return "";
		}

	}

	record Reading(String sensor, double value, long seq) {

	}

	record Ack(long seq) {

	}

}
