package dev.socketserver.test.autoconfigure;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.socketserver.autoconfigure.SocketController;
import dev.socketserver.autoconfigure.SocketServerCustomizer;
import dev.socketserver.codec.Codec;
import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.ConnectionListener;
import dev.socketserver.connection.SocketAuthenticator;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatMessages;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * {@link TypeExcludeFilter} for {@link SocketServerTest @SocketServerTest}: what the socket server
 * auto-configuration takes from the application's beans, and nothing else. With {@code servers} set, the
 * controllers that name only other servers are left out too, since what they depend on may be.
 */
class SocketServerTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<SocketServerTest> {

	private static final Set<Class<?>> KNOWN_INCLUDES = Set.of(SocketController.class, SocketHandler.class,
			Codec.class, SocketAuthenticator.class, HeartbeatMessages.class, MessageTypeResolver.class,
			ErrorReplies.class, ConnectionListener.class, ChannelPipelineCustomizer.class,
			SocketServerCustomizer.class);

	private final Set<String> servers;

	SocketServerTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		MergedAnnotation<SocketServerTest> annotation = getAnnotation();
		this.servers = annotation.isPresent()
				? Collections.unmodifiableSet(new LinkedHashSet<>(List.of(annotation.getStringArray("servers"))))
				: Set.of();
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return KNOWN_INCLUDES;
	}

	@Override
	protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
			throws IOException {
		return super.defaultInclude(metadataReader, metadataReaderFactory) && servesSelectedServer(metadataReader);
	}

	private boolean servesSelectedServer(MetadataReader metadataReader) {
		if (this.servers.isEmpty()) {
			return true;
		}
		MergedAnnotation<SocketController> controller = metadataReader.getAnnotationMetadata()
			.getAnnotations()
			.get(SocketController.class);
		if (!controller.isPresent()) {
			return true;
		}
		String[] named = controller.getStringArray("servers");
		return named.length == 0 || Arrays.stream(named).anyMatch(this.servers::contains);
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return super.equals(obj) && this.servers.equals(((SocketServerTypeExcludeFilter) obj).servers);
	}

	@Override
	public int hashCode() {
		return 31 * super.hashCode() + this.servers.hashCode();
	}

}
