package dev.socketserver.handler.controller;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.RequiresAuthority;
import org.jspecify.annotations.Nullable;

/**
 * Finds the annotated methods of a controller class and its superclasses, once, at start-up.
 */
final class ControllerScanner {

	private ControllerScanner() {
	}

	static List<Candidate> scan(Object controller, Class<?> type) {
		if (!type.isInstance(controller)) {
			throw new ControllerDefinitionException("Controller " + controller.getClass().getName()
					+ " is not an instance of " + type.getName() + " (a JDK proxy? proxy controllers by class)");
		}
		List<Candidate> candidates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			Method[] methods = current.getDeclaredMethods();
			// Declaration order is unspecified; sorting keeps the order of lifecycle calls stable between runs.
			Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
			for (Method method : methods) {
				if (method.isBridge() || method.isSynthetic()) {
					continue;
				}
				List<Role> roles = roles(method);
				// A subclass's annotated declaration hides the superclass's: the call dispatches virtually anyway.
				if (roles.isEmpty() || !seen.add(signature(method))) {
					continue;
				}
				if (Modifier.isStatic(method.getModifiers())) {
					throw new ControllerDefinitionException("Controller method " + describe(method)
							+ " must not be static");
				}
				for (Role role : roles) {
					candidates.add(new Candidate(controller, method, role, types(method, role),
							authority(type, method, role)));
				}
			}
		}
		return candidates;
	}

	private static List<Role> roles(Method method) {
		List<Role> roles = new ArrayList<>(1);
		for (Role role : Role.values()) {
			if (method.isAnnotationPresent(role.annotation())) {
				roles.add(role);
			}
		}
		return roles;
	}

	private static List<String> types(Method method, Role role) {
		if (role != Role.MESSAGE) {
			return List.of();
		}
		OnMessage onMessage = method.getAnnotation(OnMessage.class);
		Set<String> types = new LinkedHashSet<>(Arrays.asList(onMessage.value()));
		types.addAll(Arrays.asList(onMessage.type()));
		for (String type : types) {
			if (type.isEmpty()) {
				throw new ControllerDefinitionException("Controller method " + describe(method)
						+ " declares an empty message type");
			}
		}
		return List.copyOf(types);
	}

	/**
	 * Returns the authority a method requires: its own {@code @RequiresAuthority}, else that of the nearest class
	 * from the controller's class up to the method's declaring class. Only message methods are checked, so a
	 * method's own annotation anywhere else is a mistake.
	 */
	private static @Nullable String authority(Class<?> type, Method method, Role role) {
		RequiresAuthority own = method.getAnnotation(RequiresAuthority.class);
		if (!role.isRoute()) {
			if (own != null) {
				throw new ControllerDefinitionException("Controller method " + describe(method)
						+ " is annotated @RequiresAuthority, which only @OnMessage and @Fallback methods take (it is "
						+ "@" + role.annotation().getSimpleName() + ")");
			}
			return null;
		}
		RequiresAuthority required = own;
		for (Class<?> current = type; required == null && current != null; current = current.getSuperclass()) {
			required = current.getAnnotation(RequiresAuthority.class);
			if (current == method.getDeclaringClass()) {
				break;
			}
		}
		if (required == null) {
			return null;
		}
		if (required.value().isBlank()) {
			throw new ControllerDefinitionException("Controller method " + describe(method)
					+ " requires a blank authority");
		}
		return required.value();
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.toString(method.getParameterTypes());
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
	}

}
