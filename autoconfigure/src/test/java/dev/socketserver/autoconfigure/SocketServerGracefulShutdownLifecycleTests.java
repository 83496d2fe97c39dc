package dev.socketserver.autoconfigure;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.ServerState;
import dev.socketserver.server.SocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class SocketServerGracefulShutdownLifecycleTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class))
		.withUserConfiguration(GoodbyeConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.servers.echo.address=127.0.0.1",
				"socket.servers.echo.port=0", "socket.servers.echo.codec=length-field",
				"socket.servers.echo.shutdown.grace-period=5s");

	@Test
	void closingTheContextRefusesTrafficDrainsAndSaysGoodbye(CapturedOutput output) {
		List<ReadinessState> readiness = new CopyOnWriteArrayList<>();
		this.contextRunner
			.withBean(ReadinessRecorder.class, () -> (event) -> readiness.add((ReadinessState) event.getState()))
			.run((context) -> {
				SocketServer server = context.getBean(SocketServer.class);
				try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
					socket.setSoTimeout(5000);
					DataOutputStream out = new DataOutputStream(socket.getOutputStream());
					DataInputStream in = new DataInputStream(socket.getInputStream());
					out.writeInt(2);
					out.write("hi".getBytes(StandardCharsets.UTF_8));
					assertThat(readFrame(in)).isEqualTo("hi");
					Thread closer = new Thread(context::close);
					closer.start();
					assertThat(readFrame(in)).isEqualTo("bye");
					assertThat(in.read()).isEqualTo(-1);
					socket.close();
					closer.join(10_000);
				}
				assertThat(readiness).containsExactly(ReadinessState.REFUSING_TRAFFIC);
				assertThat(server.state()).isEqualTo(ServerState.STOPPED);
				assertThat(server.connections().stats().closed(CloseReason.SERVER_SHUTDOWN)).isOne();
			});
		assertThat(output).contains("Commencing graceful shutdown of socket server 'echo'")
			.contains("Graceful shutdown of socket servers complete");
	}

	@Test
	void stopWithoutCallbackIsRefused() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> context.getBean(SocketServerGracefulShutdownLifecycle.class).stop()));
	}

	private static String readFrame(DataInputStream in) throws IOException {
		byte[] frame = new byte[in.readInt()];
		in.readFully(frame);
		return new String(frame, StandardCharsets.UTF_8);
	}

	interface ReadinessRecorder extends ApplicationListener<AvailabilityChangeEvent<?>> {

	}

	@Configuration(proxyBeanMethods = false)
	static class GoodbyeConfiguration {

		@Bean
		SocketHandler<byte[]> echo() {
			return new SocketHandler<>() {
				@Override
				public void onMessage(Connection connection, byte[] message) {
					connection.offer(message);
				}

				@Override
				public void onShutdown(Connection connection) {
					connection.offer("bye".getBytes(StandardCharsets.UTF_8));
				}
			};
		}

	}

}
