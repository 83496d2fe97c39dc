package dev.socketserver.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port a socket server bound, once the servers have started, on fields, methods and parameters of
 * tests with {@link SocketServerTest @SocketServerTest} or
 * {@link AutoConfigureSocketServer @AutoConfigureSocketServer}. It resolves
 * {@code ${local.socket.server.port.<name>}}; without a name, {@code ${local.socket.server.port}}, which exists
 * when there is one server only.
 * <pre class="code">
 * &#64;LocalSocketServerPort("echo")
 * int echoPort;
 * </pre>
 *
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${local.socket.server.port}")
public @interface LocalSocketServerPort {

	/**
	 * The name of the server under {@code socket.servers}; empty for the only server.
	 * @return the server's name
	 */
	String value() default "";

}
