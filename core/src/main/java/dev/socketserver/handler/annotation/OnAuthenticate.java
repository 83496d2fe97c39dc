package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the controller method that authenticates a server's connections: it receives every message of a
 * connection until it returns an {@code AuthenticationStep} that authenticates or rejects it (or a
 * {@link java.util.concurrent.CompletionStage} of one), and no other controller method runs for that connection
 * before. Its parameters are resolved as those of an {@link OnMessage} method. At most one per server; its
 * presence switches authentication on.
 *
 * @since 0.1.0
 * @see AuthenticatedPrincipal
 * @see RequiresAuthority
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnAuthenticate {

}
