package dev.socketserver.handler.controller;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.socketserver.codec.MessageTypeResolver;
import org.jspecify.annotations.Nullable;

/**
 * The routing table and the event methods of a server's controllers, assembled once at start-up from the
 * scanned methods, with the mistakes that would make routing ambiguous refused there.
 *
 * @param router the message router
 * @param messageTypes the message types that methods declare
 * @param methods the event methods by role, and the authenticating method
 */
record ControllerTable(Router router, Set<String> messageTypes, Map<Role, List<HandlerMethod>> methods) {

	static ControllerTable assemble(String serverName, List<Candidate> candidates, HandlerMethodFactory factory,
			@Nullable MessageTypeResolver<Object> resolver) {
		Map<Role, List<HandlerMethod>> methods = new LinkedHashMap<>();
		Map<String, HandlerMethod> routes = new LinkedHashMap<>();
		Map<String, Candidate> routeOwners = new LinkedHashMap<>();
		Candidate catchAllOwner = null;
		HandlerMethod catchAll = null;
		for (Candidate candidate : candidates) {
			HandlerMethod method = factory.create(candidate);
			if (candidate.role() == Role.MESSAGE && !candidate.types().isEmpty()) {
				for (String type : candidate.types()) {
					Candidate previous = routeOwners.putIfAbsent(type, candidate);
					if (previous != null) {
						throw new ControllerDefinitionException("Socket server '" + serverName
								+ "' has two methods for message type '" + type + "': "
								+ ControllerScanner.describe(previous.method()) + " and "
								+ ControllerScanner.describe(candidate.method()));
					}
					routes.put(type, method);
				}
			}
			else if (candidate.role().isRoute()) {
				if (catchAllOwner != null) {
					throw new ControllerDefinitionException("Socket server '" + serverName
							+ "' has two methods for every message: "
							+ ControllerScanner.describe(catchAllOwner.method()) + " and "
							+ ControllerScanner.describe(candidate.method()));
				}
				catchAllOwner = candidate;
				catchAll = method;
			}
			else {
				methods.computeIfAbsent(candidate.role(), (role) -> new ArrayList<>()).add(method);
			}
		}
		List<HandlerMethod> authenticators = methods.getOrDefault(Role.AUTHENTICATE, List.of());
		if (authenticators.size() > 1) {
			throw new ControllerDefinitionException("Socket server '" + serverName
					+ "' has two @OnAuthenticate methods, but one decides: " + authenticators.get(0) + " and "
					+ authenticators.get(1));
		}
		if (!routes.isEmpty() && catchAllOwner != null && catchAllOwner.role() == Role.MESSAGE) {
			throw new ControllerDefinitionException("Socket server '" + serverName + "': "
					+ ControllerScanner.describe(catchAllOwner.method())
					+ " declares no type while other methods do; mark it @Fallback to handle the other types");
		}
		Router router = routes.isEmpty() ? Router.single(catchAll)
				: router(serverName, Objects.requireNonNull(resolver), routes, catchAll);
		methods.replaceAll((role, list) -> List.copyOf(list));
		return new ControllerTable(router, Collections.unmodifiableSet(routes.keySet()), methods);
	}

	private static Router router(String serverName, MessageTypeResolver<Object> resolver,
			Map<String, HandlerMethod> routes,
			@Nullable HandlerMethod fallback) {
		if (!(resolver instanceof MessageTypeResolver.OfInt<Object> ids)) {
			return Router.byName(resolver, routes, fallback);
		}
		Map<Integer, HandlerMethod> byId = new LinkedHashMap<>();
		routes.forEach((type, method) -> byId.put(parseId(serverName, type, method), method));
		return Router.byId(ids, byId, fallback);
	}

	private static int parseId(String serverName, String type, HandlerMethod method) {
		try {
			int id = Integer.decode(type);
			if (id >= 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the method's name.
		}
		throw new ControllerDefinitionException("Controller method " + method + " of socket server '"
				+ serverName + "' declares message type '" + type
				+ "', but the server's types are numbers (such as \"7\" or \"0x07\")");
	}

}
