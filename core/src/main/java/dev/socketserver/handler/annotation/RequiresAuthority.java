package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires an authority of the connection's principal before a message method is called: a message from a
 * principal without it is answered with the server's error reply for forbidden messages (if its
 * {@code ErrorReplies} has one), counted and logged, and the connection stays open unless the server's
 * authentication closes forbidden connections. On a class, applies to each of its message methods; a method's
 * own annotation replaces the class's.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresAuthority {

	/**
	 * The authority, such as {@code "valve:write"}.
	 * @return the authority
	 */
	String value();

}
