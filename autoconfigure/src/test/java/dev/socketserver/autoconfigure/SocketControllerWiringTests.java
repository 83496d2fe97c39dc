package dev.socketserver.autoconfigure;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;

import dev.socketserver.codec.ErrorReplies;
import dev.socketserver.codec.InvalidPayloadException;
import dev.socketserver.codec.MessageTypeResolver;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.handler.annotation.Identity;
import dev.socketserver.handler.annotation.OnMessage;
import dev.socketserver.handler.annotation.OnOpen;
import dev.socketserver.handler.annotation.OnShutdown;
import dev.socketserver.handler.annotation.ServerName;
import dev.socketserver.handler.controller.ControllerHandler;
import dev.socketserver.server.SocketServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.validation.annotation.Validated;

import static dev.socketserver.autoconfigure.SocketControllerTests.connect;
import static dev.socketserver.autoconfigure.SocketControllerTests.port;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which servers controllers serve, next to plain handlers, and the start-up failures that name what to fix.
 */
class SocketControllerWiringTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class, JacksonAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1");

	@Test
	void aPlainHandlerServesOneServerAndControllersAnother() {
		this.contextRunner.withUserConfiguration(PlainHandlerConfiguration.class, GreetingController.class)
			.withPropertyValues("socket.servers.echo.port=0", "socket.servers.greeter.port=0")
			.run((context) -> {
				assertThat(context.getBean("echoSocketServer", SocketServer.class).config().handler())
					.isInstanceOf(EchoHandler.class);
				assertThat(context.getBean("greeterSocketServer", SocketServer.class).config().handler())
					.isInstanceOf(ControllerHandler.class);
				try (LineClient echo = connect(context, "echo"); LineClient greeter = connect(context, "greeter")) {
					assertThat(echo.exchange("HELLO Bob")).isEqualTo("HELLO Bob");
					assertThat(greeter.exchange("HELLO Bob")).isEqualTo("Hello, Bob, from greeter");
				}
			});
	}

	@Test
	void aControllerThatNamesNoServerServesEveryServerWithoutAHandlerOfItsOwn() {
		this.contextRunner.withUserConfiguration(AnyServerController.class)
			.withPropertyValues("socket.servers.one.port=0", "socket.servers.two.port=0")
			.run((context) -> {
				try (LineClient one = connect(context, "one"); LineClient two = connect(context, "two")) {
					assertThat(one.exchange("WHERE")).isEqualTo("one");
					assertThat(two.exchange("WHERE")).isEqualTo("two");
				}
			});
	}

	@Test
	void theHandlerPropertyMayNameAController() {
		this.contextRunner.withUserConfiguration(PlainHandlerConfiguration.class, NamedControllerConfiguration.class)
			.withPropertyValues("socket.servers.one.port=0", "socket.servers.one.handler=anyServerController",
					"socket.servers.echo.port=0", "socket.servers.echo.handler=echoHandler")
			.run((context) -> {
				try (LineClient one = connect(context, "one"); LineClient echo = connect(context, "echo")) {
					assertThat(one.exchange("WHERE")).isEqualTo("one");
					assertThat(echo.exchange("WHERE")).isEqualTo("WHERE");
				}
			});
	}

	@Test
	void theHandlerPropertyWinsOverControllersThatNameTheServer() {
		this.contextRunner.withUserConfiguration(PlainHandlerConfiguration.class, GreetingController.class)
			.withPropertyValues("socket.servers.greeter.port=0", "socket.servers.greeter.handler=echoHandler")
			.run((context) -> {
				try (LineClient greeter = connect(context, "greeter")) {
					assertThat(greeter.exchange("HELLO Bob")).isEqualTo("HELLO Bob");
				}
			});
	}

	@Test
	void severalControllersShareAServerAndTheirLifecycleMethodsRunInOrder() {
		this.contextRunner
			.withUserConfiguration(SecondGreetingController.class, GreetingController.class,
					FirstGreetingController.class)
			.withPropertyValues("socket.servers.greeter.port=0")
			.run((context) -> {
				try (LineClient greeter = connect(context, "greeter")) {
					assertThat(greeter.read()).isEqualTo("first");
					assertThat(greeter.read()).isEqualTo("second");
					assertThat(greeter.exchange("HELLO Bob")).isEqualTo("Hello, Bob, from greeter");
					assertThat(greeter.exchange("BYE")).isEqualTo("Bye");
				}
			});
	}

	@Test
	void shutdownMethodsSayGoodbyeBeforeTheServerCloses() {
		this.contextRunner.withUserConfiguration(SecondGreetingController.class)
			.withPropertyValues("socket.servers.greeter.port=0")
			.run((context) -> {
				try (LineClient greeter = connect(context, "greeter")) {
					assertThat(greeter.read()).isEqualTo("second");
					context.close();
					assertThat(greeter.read()).isEqualTo("restarting");
					assertThat(greeter.read()).isNull();
				}
			});
	}

	@Test
	void controllersThatNameNoServerNextToPlainHandlersAreAmbiguous() {
		this.contextRunner.withUserConfiguration(PlainHandlerConfiguration.class, AnyServerController.class)
			.withPropertyValues("socket.servers.one.port=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.one.handler")
				.hasMessageContaining("AnyServerController"));
	}

	@Test
	void aControllerThatNamesAnUnconfiguredServerFailsStartup() {
		this.contextRunner.withUserConfiguration(GreetingController.class)
			.withPropertyValues("socket.servers.greeters.port=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("names socket server 'greeter', which is not configured under socket.servers"));
	}

	@Test
	void typedMethodsOnACodecThatCannotReadTypesFailStartupNamingTheTypeResolverProperty() {
		this.contextRunner.withUserConfiguration(BinaryController.class)
			.withPropertyValues("socket.servers.binary.port=0", "socket.servers.binary.codec=length-field")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.binary.controller.type-resolver"));
	}

	@Test
	void answeringUnknownTypesWithAnErrorNeedsErrorReplies() {
		this.contextRunner.withUserConfiguration(BinaryController.class, BinaryConfiguration.class)
			.withPropertyValues("socket.servers.binary.port=0", "socket.servers.binary.codec=length-field",
					"socket.servers.binary.controller.type-resolver=idResolver",
					"socket.servers.binary.controller.unknown-type=error")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.binary.controller.unknown-type"));
	}

	@Test
	void errorRepliesOfABinaryProtocolComeFromANamedBean() {
		this.contextRunner.withUserConfiguration(BinaryController.class, BinaryConfiguration.class)
			.withPropertyValues("socket.servers.binary.port=0", "socket.servers.binary.codec=length-field",
					"socket.servers.binary.controller.type-resolver=idResolver",
					"socket.servers.binary.controller.error-replies=binaryErrors")
			.run((context) -> {
				try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(context, "binary"))) {
					socket.setSoTimeout(5000);
					DataOutputStream out = new DataOutputStream(socket.getOutputStream());
					DataInputStream in = new DataInputStream(socket.getInputStream());
					out.writeInt(1);
					out.write(7);
					assertThat(in.readInt()).isEqualTo(2);
					assertThat(in.readUnsignedByte()).isEqualTo(0xFF);
					assertThat(in.readUnsignedByte()).isEqualTo(7);
					out.writeInt(1);
					out.write(1);
					assertThat(in.readInt()).isEqualTo(1);
					assertThat(in.readUnsignedByte()).isEqualTo(1);
				}
			});
	}

	@Test
	void aMethodThatCannotBeCalledFailsStartupNamingIt() {
		this.contextRunner.withUserConfiguration(BrokenController.class)
			.withPropertyValues("socket.servers.broken.port=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("BrokenController.login()")
				.hasMessageContaining("binds @Identity to int"));
	}

	@Test
	void theJsonCodecNeedsJackson() {
		this.contextRunner.withUserConfiguration(AnyServerController.class)
			.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withPropertyValues("socket.servers.one.port=0", "socket.servers.one.codec=json")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socket.servers.one.codec")
				.hasMessageContaining("spring-boot-starter-jackson"));
	}

	@Test
	void proxiedControllersAreCalledThroughTheirProxy() {
		this.contextRunner.withUserConfiguration(ValidatedController.class)
			.withPropertyValues("socket.servers.one.port=0")
			.run((context) -> {
				assertThat(AopUtils.isCglibProxy(context.getBean(ValidatedController.class))).isTrue();
				try (LineClient one = connect(context, "one")) {
					assertThat(one.exchange("WHO")).isEqualTo("nobody on one");
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class PlainHandlerConfiguration {

		@Bean
		EchoHandler echoHandler() {
			return new EchoHandler();
		}

	}

	static class EchoHandler implements SocketHandler<String> {

		@Override
		public void onMessage(Connection connection, String message) {
			connection.offer(message);
		}

	}

	@SocketController(servers = "greeter")
	static class GreetingController {

		@OnMessage("HELLO")
		String hello(String line, @ServerName String server) {
			return "Hello, " + line.substring(6) + ", from " + server;
		}

	}

	@SocketController("greeter")
	@Order(1)
	static class FirstGreetingController {

		@OnOpen
		String first() {
			return "first";
		}

	}

	@SocketController("greeter")
	@Order(2)
	static class SecondGreetingController {

		@OnOpen
		String second() {
			return "second";
		}

		@OnMessage("BYE")
		String bye() {
			return "Bye";
		}

		@OnShutdown
		String restarting() {
			return "restarting";
		}

	}

	@SocketController
	static class AnyServerController {

		@OnMessage("WHERE")
		String where(@ServerName String server) {
			return server;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NamedControllerConfiguration {

		@Bean
		AnyServerController anyServerController() {
			return new AnyServerController();
		}

	}

	@SocketController("binary")
	static class BinaryController {

		@OnMessage("1")
		byte[] echo(byte[] frame) {
			return frame;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BinaryConfiguration {

		@Bean
		MessageTypeResolver.OfInt<Object> idResolver() {
			return MessageTypeResolver.binaryId(0, 1);
		}

		@Bean
		ErrorReplies binaryErrors() {
			return new ErrorReplies() {

				@Override
				public byte[] unknownType(@Nullable String type) {
					return new byte[] { (byte) 0xFF, (byte) Integer.parseInt(String.valueOf(type)) };
				}

				@Override
				public byte[] invalidPayload(InvalidPayloadException error) {
					return new byte[] { (byte) 0xFE };
				}

			};
		}

	}

	@SocketController("broken")
	static class BrokenController {

		@OnMessage
		void login(@Identity int identity) {
		}

	}

	@SocketController
	@Validated
	static class ValidatedController {

		@OnMessage("WHO")
		String who(@Identity @Nullable String identity, @ServerName String server) {
			return ((identity != null) ? identity : "nobody") + " on " + server;
		}

	}

}
