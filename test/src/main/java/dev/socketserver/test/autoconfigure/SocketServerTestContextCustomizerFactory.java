package dev.socketserver.test.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} for tests with {@link AutoConfigureSocketServer @AutoConfigureSocketServer},
 * directly or through {@link SocketServerTest @SocketServerTest}.
 */
class SocketServerTestContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MergedAnnotation<AutoConfigureSocketServer> annotation = MergedAnnotations
			.search(SearchStrategy.TYPE_HIERARCHY)
			.withEnclosingClasses(TestContextAnnotationUtils::searchEnclosingClass)
			.from(testClass)
			.get(AutoConfigureSocketServer.class);
		if (!annotation.isPresent()) {
			return null;
		}
		return new SocketServerTestContextCustomizer(List.of(annotation.getStringArray("servers")));
	}

}
