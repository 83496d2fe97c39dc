package dev.socketserver.handler.controller;

import java.util.HashMap;
import java.util.Map;

import dev.socketserver.codec.MessageTypeResolver;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds the method for a message: built once at start-up from the declared types, so that routing a message is
 * one type read and one table lookup.
 */
abstract class Router {

	/**
	 * Returns the method for a message, or {@code null} if none handles its type.
	 */
	abstract @Nullable HandlerMethod route(Object message);

	/**
	 * Every message goes to the one catch-all method, or to none.
	 */
	static Router single(@Nullable HandlerMethod method) {
		return new Router() {

			@Override
			@Nullable HandlerMethod route(Object message) {
				return method;
			}

		};
	}

	static Router byName(MessageTypeResolver<Object> resolver, Map<String, HandlerMethod> routes,
			@Nullable HandlerMethod fallback) {
		return new ByName(resolver, routes, fallback);
	}

	static Router byId(MessageTypeResolver.OfInt<Object> resolver, Map<Integer, HandlerMethod> routes,
			@Nullable HandlerMethod fallback) {
		int max = routes.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
		// A plain array while ids are small (one or two header bytes); a primitive map beyond, never boxing.
		if (max < 4096) {
			HandlerMethod[] table = new HandlerMethod[max + 1];
			routes.forEach((id, method) -> table[id] = method);
			return new ByIdTable(resolver, table, fallback);
		}
		IntObjectMap<HandlerMethod> map = new IntObjectHashMap<>(routes.size());
		routes.forEach(map::put);
		return new ByIdMap(resolver, map, fallback);
	}

	private static final class ByName extends Router {

		private final MessageTypeResolver<Object> resolver;

		private final Map<String, HandlerMethod> routes;

		private final @Nullable HandlerMethod fallback;

		ByName(MessageTypeResolver<Object> resolver, Map<String, HandlerMethod> routes,
				@Nullable HandlerMethod fallback) {
			this.resolver = resolver;
			this.routes = new HashMap<>(routes);
			this.fallback = fallback;
		}

		@Override
		@Nullable HandlerMethod route(Object message) {
			String type = this.resolver.resolveType(message);
			HandlerMethod method = (type != null) ? this.routes.get(type) : null;
			return (method != null) ? method : this.fallback;
		}

	}

	private static final class ByIdTable extends Router {

		private final MessageTypeResolver.OfInt<Object> resolver;

		private final @Nullable HandlerMethod[] table;

		private final @Nullable HandlerMethod fallback;

		ByIdTable(MessageTypeResolver.OfInt<Object> resolver, @Nullable HandlerMethod[] table,
				@Nullable HandlerMethod fallback) {
			this.resolver = resolver;
			this.table = table;
			this.fallback = fallback;
		}

		@Override
		@Nullable HandlerMethod route(Object message) {
			int id = this.resolver.resolveId(message);
			HandlerMethod method = (id >= 0 && id < this.table.length) ? this.table[id] : null;
			return (method != null) ? method : this.fallback;
		}

	}

	private static final class ByIdMap extends Router {

		private final MessageTypeResolver.OfInt<Object> resolver;

		private final IntObjectMap<HandlerMethod> routes;

		private final @Nullable HandlerMethod fallback;

		ByIdMap(MessageTypeResolver.OfInt<Object> resolver, IntObjectMap<HandlerMethod> routes,
				@Nullable HandlerMethod fallback) {
			this.resolver = resolver;
			this.routes = routes;
			this.fallback = fallback;
		}

		@Override
		@Nullable HandlerMethod route(Object message) {
			int id = this.resolver.resolveId(message);
			HandlerMethod method = (id >= 0) ? this.routes.get(id) : null;
			return (method != null) ? method : this.fallback;
		}

	}

}
