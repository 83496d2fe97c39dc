package dev.socketserver.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose annotated methods ({@code @OnOpen}, {@code @OnMessage}, {@code @Fallback}, {@code @OnClose},
 * {@code @OnError}, {@code @OnShutdown} of {@code dev.socketserver.handler.annotation}) serve socket servers. A
 * {@link Component @Component}: component scanning finds it like a {@code @RestController}.
 * <p>
 * A server is served by the controllers that name it, unless its {@code handler} property names a bean; several
 * controllers of one server share its message types. Controllers that name no server serve every server without
 * a handler of its own.
 *
 * <pre class="code">
 * &#64;SocketController("devices")
 * class DeviceController {
 *
 *     &#64;OnMessage("telemetry")
 *     Ack telemetry(&#64;Valid Telemetry telemetry, &#64;Identity String deviceId) {
 *         return new Ack(telemetry.seq());
 *     }
 *
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketController {

	/**
	 * Alias for {@link #servers()}.
	 * @return the names of the servers
	 */
	@AliasFor("servers")
	String[] value() default {};

	/**
	 * The servers this controller serves, by their names under {@code socket.servers}; empty for every server
	 * without a handler of its own.
	 * @return the names of the servers
	 */
	@AliasFor("value")
	String[] servers() default {};

}
