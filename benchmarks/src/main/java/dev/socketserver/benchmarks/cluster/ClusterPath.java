package dev.socketserver.benchmarks.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.socketserver.autoconfigure.SocketServerAutoConfiguration;
import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.cluster.ClusterPresence;
import dev.socketserver.cluster.autoconfigure.ClusterAutoConfiguration;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.routing.MessageRouter;
import dev.socketserver.server.SocketServers;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two cluster nodes, {@code a} and {@code b}, each a Spring context of its own with a line server {@code bench} and
 * the cluster on the given Redis, and one client per identity connected to node {@code b}, whose first line binds
 * its identity. Sends go through the {@link MessageRouter} of node {@code a} (cross-node) or of node {@code b}
 * (local to the node that holds the identities).
 *
 * @since 0.1.0
 */
final class ClusterPath implements SendPath {

	static final String SERVER = "bench";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final EventLoopGroup clientGroup;

	private final List<Channel> clients = new ArrayList<>();

	private final String[] identities;

	private final MessageRouter router;

	ClusterPath(int redisPort, int identityCount, String prefix, boolean crossNode, NettyTransport transport,
			int workerThreads, Receiver receiver) throws InterruptedException {
		ConfigurableApplicationContext a = startNode("a", redisPort, prefix, transport, workerThreads);
		ConfigurableApplicationContext b = startNode("b", redisPort, prefix, transport, workerThreads);
		NettyTransport client = transport.resolveForClient();
		this.clientGroup = new MultiThreadIoEventLoopGroup(1, client.ioHandlerFactory());
		this.identities = new String[identityCount];
		int port = b.getBean(SocketServers.class).get(SERVER).port();
		for (int i = 0; i < identityCount; i++) {
			this.identities[i] = "id-" + i;
			Channel channel = connect(client, port, i, receiver);
			this.clients.add(channel);
			channel.writeAndFlush(channel.alloc().buffer().writeBytes((this.identities[i] + "\n")
				.getBytes(StandardCharsets.US_ASCII))).sync();
		}
		ClusterPresence presence = a.getBean(ClusterPresence.class);
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		for (String identity : this.identities) {
			while (!presence.nodesOf(SERVER, identity).contains("b")) {
				if (System.nanoTime() > deadline) {
					close();
					throw new IllegalStateException("Identity " + identity + " not registered on node b in time");
				}
				TimeUnit.MILLISECONDS.sleep(20);
			}
		}
		this.router = (crossNode ? a : b).getBean(MessageRouter.class);
	}

	private ConfigurableApplicationContext startNode(String id, int redisPort, String prefix, NettyTransport transport,
			int workerThreads) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NodeConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"spring.data.redis.timeout=2s", "socket.cluster.enabled=true", "socket.cluster.node-id=" + id,
					"socket.cluster.key-prefix=" + prefix, "socket.worker-threads=" + workerThreads,
					"socket.transport=" + transport.name().toLowerCase(Locale.ROOT),
					"socket.servers." + SERVER + ".port=0", "socket.servers." + SERVER + ".address=127.0.0.1",
					"socket.servers." + SERVER + ".codec=line", "socket.servers." + SERVER + ".handler=benchHandler",
					"spring.main.banner-mode=off")
			.run();
		this.nodes.add(context);
		return context;
	}

	private Channel connect(NettyTransport transport, int port, int identity, Receiver receiver)
			throws InterruptedException {
		return new Bootstrap().group(this.clientGroup)
			.channel(transport.channelClass())
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new LineBasedFrameDecoder(4096), new StringDecoder(StandardCharsets.US_ASCII),
								new SimpleChannelInboundHandler<String>() {

									@Override
									protected void channelRead0(ChannelHandlerContext context, String line) {
										receiver.received(identity, line);
									}

								});
				}

			})
			.connect("127.0.0.1", port)
			.sync()
			.channel();
	}

	@Override
	public CompletionStage<Integer> send(int identity, String message) {
		return this.router.sendToIdentity(SERVER, this.identities[identity], message);
	}

	@Override
	public void close() {
		for (Channel channel : this.clients) {
			channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
		}
		this.clientGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
		for (int i = this.nodes.size() - 1; i >= 0; i--) {
			this.nodes.get(i).close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, SocketServerAutoConfiguration.class,
			ClusterAutoConfiguration.class })
	static class NodeConfiguration {

		/**
		 * The first line a client sends is its identity; the clients send nothing else.
		 */
		@Bean
		SocketHandler<String> benchHandler() {
			return (connection, line) -> {
				if (connection.identity() == null) {
					connection.bindIdentity(line);
				}
			};
		}

	}

}
