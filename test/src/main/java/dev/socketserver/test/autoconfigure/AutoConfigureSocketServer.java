package dev.socketserver.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.socketserver.test.client.SocketTestClients;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;
import org.springframework.boot.test.context.PropertyMapping.Skip;

/**
 * {@link ImportAutoConfiguration Auto-configuration imports} for tests of socket servers: the servers of
 * {@code socket.servers} with what they need (Jackson for the JSON codec and Bean Validation for controllers, if
 * present; SSL bundles), a {@link SocketTestClients} bean, the bound ports as {@code local.socket.server.port.<name>}
 * properties for {@link LocalSocketServerPort @LocalSocketServerPort}, and every server on a free port. Most tests
 * use {@link SocketServerTest @SocketServerTest}; this annotation also serves a {@code @SpringBootTest}.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("socket.test")
public @interface AutoConfigureSocketServer {

	/**
	 * Whether every server declared under {@code socket.servers} binds a free port (port 0) instead of its
	 * configured one, so that tests neither collide with each other nor with a running application. Maps to
	 * the {@code socket.test.random-ports} property.
	 * @return whether the servers bind free ports
	 */
	boolean randomPorts() default true;

	/**
	 * The servers of {@code socket.servers} to run in the test, by name; the others are disabled
	 * ({@code socket.servers.<name>.enabled=false}). Empty for all of them.
	 * @return the names of the servers to run
	 */
	@PropertyMapping(skip = Skip.YES)
	String[] servers() default {};

}
