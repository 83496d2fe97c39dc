package dev.socketserver.handler.controller;

import java.lang.annotation.Annotation;

import dev.socketserver.handler.annotation.Fallback;
import dev.socketserver.handler.annotation.OnClose;
import dev.socketserver.handler.annotation.OnError;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.OnOpen;
import dev.socketserver.handler.annotation.OnShutdown;

/**
 * What a controller method is called for, by the annotation that marks it.
 */
enum Role {

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

	boolean receivesMessages() {
		return this == MESSAGE || this == FALLBACK;
	}

}
