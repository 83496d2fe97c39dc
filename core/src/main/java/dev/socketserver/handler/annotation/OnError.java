package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method called when another controller method threw or its
 * {@link java.util.concurrent.CompletionStage} failed, before the server's error policy applies. A parameter of
 * a {@link Throwable} type receives the error and limits the method to errors of that type; of several methods,
 * the one declaring the closest type is called. What it returns is sent to the connection.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnError {

}
