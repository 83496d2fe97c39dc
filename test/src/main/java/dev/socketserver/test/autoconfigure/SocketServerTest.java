package dev.socketserver.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.socketserver.autoconfigure.SocketController;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.test.client.SocketTestClients;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Annotation for a test of socket servers that focuses <strong>only</strong> on them: the servers of
 * {@code socket.servers}, each on a free port, served by the application's handlers.
 * <p>
 * Only the auto-configuration that socket servers need is applied (see
 * {@link AutoConfigureSocketServer @AutoConfigureSocketServer}); neither Actuator nor a web server starts.
 * Component scanning is limited to {@link SocketController @SocketController} and {@link SocketHandler} beans,
 * and to the beans that servers take by name or type: codecs, authenticators, heartbeat messages, type
 * resolvers, error replies, connection listeners, pipeline customizers and server customizers. Other components
 * are left out; add what a handler needs with {@link #includeFilters()} or {@code @Import}. Codec beans declared in
 * a {@code @Configuration} class come with that class only when it is included or imported.
 * <p>
 * Inject a {@link SocketTestClients} to talk to the servers, and use
 * {@link LocalSocketServerPort @LocalSocketServerPort} for their ports:
 * <pre class="code">
 * &#64;SocketServerTest
 * class EchoTests {
 *
 *     &#64;Autowired
 *     SocketTestClients clients;
 *
 *     &#64;Test
 *     void echoes() {
 *         this.clients.connect("echo").send("hello").expect("hello");
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
@Inherited
@BootstrapWith(SocketServerTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(SocketServerTypeExcludeFilter.class)
@AutoConfigureSocketServer
@ImportAutoConfiguration
public @interface SocketServerTest {

	/**
	 * Properties in form {@literal key=value} that should be added to the Spring {@link Environment} before the
	 * test runs.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * Whether every server binds a free port instead of its configured one.
	 * @return whether the servers bind free ports
	 * @see AutoConfigureSocketServer#randomPorts()
	 */
	@AliasFor(annotation = AutoConfigureSocketServer.class)
	boolean randomPorts() default true;

	/**
	 * The servers of {@code socket.servers} to run, by name; the others are disabled, and controllers that serve
	 * only those are left out. Empty for all of them.
	 * @return the names of the servers to run
	 * @see AutoConfigureSocketServer#servers()
	 */
	@AliasFor(annotation = AutoConfigureSocketServer.class)
	String[] servers() default {};

	/**
	 * Determines if default filtering should be used with {@link SpringBootApplication @SpringBootApplication}.
	 * By default, only the socket server components listed above are included.
	 * @see #includeFilters()
	 * @see #excludeFilters()
	 * @return if default filters should be used
	 */
	boolean useDefaultFilters() default true;

	/**
	 * A set of include filters which can be used to add otherwise filtered beans to the application context.
	 * @return include filters to apply
	 */
	Filter[] includeFilters() default {};

	/**
	 * A set of exclude filters which can be used to filter beans that would otherwise be added to the
	 * application context.
	 * @return exclude filters to apply
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configuration exclusions that should be applied for this test.
	 * @return auto-configuration exclusions to apply
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
