package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a controller method parameter to the connection's authenticated principal: a {@code SocketPrincipal}, or
 * its name as a {@code String}; {@code null} on a server that does not authenticate. A {@code SocketPrincipal}
 * parameter is bound without the annotation too.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuthenticatedPrincipal {

}
