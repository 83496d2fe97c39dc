package dev.socketserver.handler.controller;

import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An annotated method found on a controller, before it is made callable.
 *
 * @param controller the controller instance
 * @param method the method, declared by the controller's class or a superclass
 * @param role what the method is called for
 * @param types the message types declared by {@code @OnMessage}, empty otherwise
 * @param authority the authority the method requires ({@code @RequiresAuthority}), or {@code null}
 */
record Candidate(Object controller, Method method, Role role, List<String> types, @Nullable String authority) {

}
