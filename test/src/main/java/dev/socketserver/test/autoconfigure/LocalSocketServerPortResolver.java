package dev.socketserver.test.autoconfigure;

import java.lang.annotation.Annotation;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.MethodParameter;

/**
 * Resolves {@link LocalSocketServerPort @LocalSocketServerPort("name")} to the {@code @Value} placeholder of that
 * server's port: an annotation's {@code @Value} is a constant, so the name of the server must be read here.
 */
class LocalSocketServerPortResolver extends ContextAnnotationAutowireCandidateResolver {

	@Override
	public @Nullable Object getSuggestedValue(DependencyDescriptor descriptor) {
		LocalSocketServerPort port = find(descriptor);
		if (port != null && !port.value().isEmpty()) {
			return "${" + SocketServerPortsPublisher.PORT_PROPERTY + "." + port.value() + "}";
		}
		return super.getSuggestedValue(descriptor);
	}

	private static @Nullable LocalSocketServerPort find(DependencyDescriptor descriptor) {
		for (Annotation annotation : descriptor.getAnnotations()) {
			if (annotation instanceof LocalSocketServerPort port) {
				return port;
			}
		}
		MethodParameter parameter = descriptor.getMethodParameter();
		return (parameter != null) ? parameter.getMethodAnnotation(LocalSocketServerPort.class) : null;
	}

}
