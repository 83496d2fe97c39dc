package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the controller method that handles messages whose type no {@link OnMessage} method declares, or that
 * have no type. Without one, the server's unknown-type policy applies (reply with an error, ignore, or close).
 * At most one per server.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Fallback {

}
