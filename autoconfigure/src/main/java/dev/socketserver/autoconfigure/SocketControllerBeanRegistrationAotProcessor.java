package dev.socketserver.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Set;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.connection.Connection;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.routing.MessageRouter;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * {@link BeanRegistrationAotProcessor} of {@link SocketController @SocketController} beans: registers the
 * reflection a native image needs for what the server does with them at run time. It reads their declared
 * methods, invokes the annotated ones through method handles, and binds payloads to and from parameter and
 * return types with Jackson.
 */
class SocketControllerBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	private static final String ANNOTATIONS_PACKAGE = OnMessage.class.getPackageName();

	/** Packages of the arguments the server resolves itself (connection, principal, router, ...). */
	private static final Set<String> STARTER_PACKAGES = Set.of(Connection.class.getPackageName(), ANNOTATIONS_PACKAGE,
			MessageRouter.class.getPackageName(), MessageCodec.class.getPackageName());

	private static final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> type = registeredBean.getBeanClass();
		if (!AnnotatedElementUtils.hasAnnotation(type, SocketController.class)) {
			return null;
		}
		return (generationContext, code) -> registerHints(generationContext.getRuntimeHints(), type);
	}

	static void registerHints(RuntimeHints hints, Class<?> controller) {
		ReflectionHints reflection = hints.reflection();
		for (Class<?> current = controller; current != null && current != Object.class;
				current = current.getSuperclass()) {
			reflection.registerType(current, MemberCategory.INTROSPECT_DECLARED_METHODS);
			for (Method method : current.getDeclaredMethods()) {
				if (isHandlerMethod(method)) {
					reflection.registerMethod(method, ExecutableMode.INVOKE);
					for (Type parameter : method.getGenericParameterTypes()) {
						registerBinding(reflection, parameter);
					}
					registerBinding(reflection, method.getGenericReturnType());
				}
			}
		}
	}

	private static boolean isHandlerMethod(Method method) {
		for (Annotation annotation : method.getAnnotations()) {
			if (annotation.annotationType().getPackageName().equals(ANNOTATIONS_PACKAGE)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Registers what Jackson needs for a payload or reply type; the server's own types and the JDK's are left out.
	 */
	private static void registerBinding(ReflectionHints reflection, Type type) {
		Class<?> raw = ResolvableType.forType(type).resolve();
		if (raw == null || raw.isPrimitive() || raw.getName().startsWith("java.")
				|| raw.getName().startsWith("io.netty.") || raw.getName().startsWith("tools.jackson.")
				|| STARTER_PACKAGES.contains(raw.getPackageName())) {
			return;
		}
		bindings.registerReflectionHints(reflection, type);
	}

}
