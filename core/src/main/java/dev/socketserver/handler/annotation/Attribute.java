package dev.socketserver.handler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter of a controller method to the value of a connection attribute, or {@code null} when it is
 * not set; the attribute is the {@link dev.socketserver.connection.ConnectionAttribute} of that name.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Attribute {

	/**
	 * The attribute's name, as given to {@code ConnectionAttribute.named}.
	 * @return the name
	 */
	String value();

}
