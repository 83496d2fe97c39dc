package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method called for each open connection when the server shuts down gracefully, before it
 * stops reading from it. What it returns is sent as a last message ("restarting, reconnect in a minute").
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnShutdown {

}
