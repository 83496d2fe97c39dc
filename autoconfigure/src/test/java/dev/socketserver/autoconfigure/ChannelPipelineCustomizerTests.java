package dev.socketserver.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socketserver.connection.ChannelPipelineCustomizer;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ChannelPipelineCustomizer} beans reach the pipeline of every connection of every server, after the
 * built-in stages and in {@code @Order} order.
 */
class ChannelPipelineCustomizerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class))
		.withUserConfiguration(CustomizersConfiguration.class)
		.withPropertyValues("socket.worker-threads=1", "socket.defaults.address=127.0.0.1",
				"socket.defaults.codec=line", "socket.servers.a.port=0", "socket.servers.b.port=0");

	@Test
	void customizerBeansReachEveryConnectionOfEveryServer() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			CustomizersConfiguration customizers = context.getBean(CustomizersConfiguration.class);
			SocketServers servers = context.getBean(SocketServers.class);
			List<Socket> clients = new ArrayList<>();
			try {
				for (String name : List.of("a", "a", "a", "b", "b")) {
					Socket client = connect(servers.get(name).port());
					clients.add(client);
					for (String line : List.of("one", "two")) {
						client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
						assertThat(reader(client).readLine()).isEqualTo(line);
					}
				}
				assertThat(customizers.pipelines).hasValue(5);
				await().untilAsserted(() -> assertThat(customizers.bytesRead).hasValue(5 * "one\ntwo\n".length()));
				for (SocketServer server : servers.all()) {
					assertThat(server.connections().stream()).allSatisfy((connection) -> assertThat(names(connection))
						.containsSubsequence("reads", ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME, "first",
								"second"));
				}
			}
			finally {
				for (Socket client : clients) {
					client.close();
				}
			}
			await().until(() -> servers.connectionCount() == 0);
		});
	}

	private static List<String> names(Connection connection) {
		return connection.channel().pipeline().names();
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(5000);
		return socket;
	}

	private static BufferedReader reader(Socket client) throws IOException {
		return new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8), 1);
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		final AtomicInteger pipelines = new AtomicInteger();

		final AtomicInteger bytesRead = new AtomicInteger();

		@Bean
		SocketHandler<String> lineEcho() {
			return (connection, message) -> connection.offer(message);
		}

		/**
		 * Declared before the counting customizer but ordered after it.
		 */
		@Bean
		@Order(2)
		ChannelPipelineCustomizer secondCustomizer() {
			return (pipeline) -> pipeline.addLast("second", new ChannelInboundHandlerAdapter());
		}

		/**
		 * Counts the bytes read on their way to the connection's stage, which decodes the lines.
		 */
		@Bean
		@Order(1)
		ChannelPipelineCustomizer countingCustomizer() {
			return (pipeline) -> {
				this.pipelines.incrementAndGet();
				pipeline.addBefore(ChannelPipelineCustomizer.CONNECTION_HANDLER_NAME, "reads",
						new ChannelInboundHandlerAdapter() {

							@Override
							public void channelRead(ChannelHandlerContext ctx, Object msg) {
								CustomizersConfiguration.this.bytesRead.addAndGet(((ByteBuf) msg).readableBytes());
								ctx.fireChannelRead(msg);
							}

						});
				pipeline.addLast("first", new ChannelInboundHandlerAdapter());
			};
		}

	}

}
