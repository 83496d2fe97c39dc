package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that handles received messages: those of the given types, or every message when no
 * type is given. The type of a message is what the server's {@code MessageTypeResolver} reads from it: a JSON
 * field, the first word of a line, a numeric id in a binary header (declared here as a number, {@code "7"} or
 * {@code "0x07"}).
 * <p>
 * What the method returns is sent to the connection as the reply: nothing for {@code void} or {@code null}, the
 * value when a {@link java.util.concurrent.CompletionStage} completes.
 *
 * @since 0.1.0
 * @see Fallback
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {

	/**
	 * Alias for {@link #type()}.
	 * @return the message types
	 */
	String[] value() default {};

	/**
	 * The message types this method handles; empty for every message, allowed only when no method of the server
	 * declares types.
	 * @return the message types
	 */
	String[] type() default {};

}
