package dev.socketserver.handler.controller;

import java.lang.annotation.Annotation;

import dev.socketserver.handler.annotation.Fallback;
import dev.socketserver.handler.annotation.OnAuthenticate;
import dev.socketserver.handler.annotation.OnClose;
import dev.socketserver.handler.annotation.OnError;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.OnOpen;
import dev.socketserver.handler.annotation.OnShutdown;

/**
 * What a controller method is called for, by the annotation that marks it.
 */
enum Role {

	AUTHENTICATE(OnAuthenticate.class),

	OPEN(OnOpen.class),

	MESSAGE(OnMessage.class),

	FALLBACK(Fallback.class),

	CLOSE(OnClose.class),

	ERROR(OnError.class),

	SHUTDOWN(OnShutdown.class);

	private final Class<? extends Annotation> annotation;

	Role(Class<? extends Annotation> annotation) {
		this.annotation = annotation;
	}

	Class<? extends Annotation> annotation() {
		return this.annotation;
	}

	/**
	 * Returns whether methods of this role are routed messages by type, so that they take part in the routing
	 * table and may require an authority.
	 */
	boolean isRoute() {
		return this == MESSAGE || this == FALLBACK;
	}

	/**
	 * Returns whether methods of this role are called with a received message, so that their parameters may bind
	 * it and its type.
	 */
	boolean receivesMessages() {
		return isRoute() || this == AUTHENTICATE;
	}

}
