package dev.socketserver.autoconfigure;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * {@link RuntimeHintsRegistrar} for what the servers reach reflectively whatever the application: the kqueue
 * transport, looked up by name so that it stays optional, and the virtual-thread API of Java 21, called from
 * Java 17 bytecode. Controllers get theirs from {@link SocketControllerBeanRegistrationAotProcessor}; Netty's
 * native transports bring their own native-image metadata in their jars.
 */
class SocketServerRuntimeHints implements RuntimeHintsRegistrar {

	private static final List<String> KQUEUE_TYPES = List.of("io.netty.channel.kqueue.KQueue",
			"io.netty.channel.kqueue.KQueueIoHandler", "io.netty.channel.kqueue.KQueueServerSocketChannel",
			"io.netty.channel.kqueue.KQueueSocketChannel");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String type : KQUEUE_TYPES) {
			hints.reflection().registerTypeIfPresent(classLoader, type, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		List<TypeReference> nameAndStart = List.of(TypeReference.of(String.class), TypeReference.of(long.class));
		hints.reflection()
			.registerType(Thread.class, (type) -> type.withMethod("ofVirtual", List.of(), ExecutableMode.INVOKE))
			.registerType(TypeReference.of("java.lang.Thread$Builder"),
					(type) -> type.withMethod("name", nameAndStart, ExecutableMode.INVOKE)
						.withMethod("factory", List.of(), ExecutableMode.INVOKE))
			.registerType(Executors.class, (type) -> type.withMethod("newThreadPerTaskExecutor",
					List.of(TypeReference.of(ThreadFactory.class)), ExecutableMode.INVOKE));
	}

}
