package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a message-handling controller method that receives the message, converted to the
 * parameter's type (a JSON message bound to a POJO, for example). Optional: the one parameter that no other rule
 * binds is the payload anyway. Together with {@code @Valid} (Jakarta Bean Validation), the bound payload is
 * validated before the method is called.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Payload {

}
