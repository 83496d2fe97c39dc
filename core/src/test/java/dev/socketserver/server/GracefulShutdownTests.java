package dev.socketserver.server;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.SocketHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GracefulShutdownTests {

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	private static SocketServer echoServer(String name, SocketHandler<byte[]> handler) {
		SocketServer server = new NettySocketServer(SocketServerConfig.builder(name)
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes()))
			.handler(handler)
			.build(), fixture.eventLoops());
		server.start();
		return server;
	}

	@Test
	void everyRequestReadBeforeShutdownIsAnsweredAndEveryClientSeesACleanClose() throws Exception {
		SocketServer server = echoServer("drain", (connection, frame) -> connection.offer(frame));
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		List<PipeliningClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 500; i++) {
				PipeliningClient client = new PipeliningClient(i);
				new Bootstrap().group(group)
					.channel(NioSocketChannel.class)
					.option(ChannelOption.ALLOW_HALF_CLOSURE, true)
					.handler(client)
					.connect(new InetSocketAddress("127.0.0.1", server.port()));
				clients.add(client);
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> clients.stream().allMatch((client) -> client.replies.get() >= PipeliningClient.DEPTH));
			CompletableFuture<Void> drained = server.shutdownGracefully(Duration.ofSeconds(20)).toCompletableFuture();
			drained.get(30, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> clients.stream().allMatch((client) -> client.closed));
			long replies = clients.stream().mapToLong((client) -> client.replies.get()).sum();
			assertThat(clients).allSatisfy((client) -> {
				assertThat(client.failure).as("client %d", client.number).isNull();
				assertThat(client.leftoverBytes).as("half-written frame at the end").isZero();
			});
			assertThat(replies).isEqualTo(server.connections().stats().messagesReceived());
			assertThat(server.connections().stats().closed(CloseReason.SERVER_SHUTDOWN)).isEqualTo(500);
			assertThat(server.state()).isEqualTo(ServerState.DRAINING);
		}
		finally {
			server.stop();
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
		assertThat(server.state()).isEqualTo(ServerState.STOPPED);
	}

	@Test
	void handlerSaysGoodbyeBeforeTheConnectionEnds() throws Exception {
		SocketServer server = echoServer("goodbye", new SocketHandler<>() {
			@Override
			public void onMessage(Connection connection, byte[] frame) {
				connection.offer(frame);
			}

			@Override
			public void onShutdown(Connection connection) {
				connection.offer("server restarting".getBytes(StandardCharsets.UTF_8));
			}
		});
		try (TestClient client = new TestClient(server.port())) {
			client.writeFrame("hello".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readFrame()).asString().isEqualTo("hello");
			CompletableFuture<Void> drained = server.shutdownGracefully(Duration.ofSeconds(5)).toCompletableFuture();
			assertThat(client.readFrame()).asString().isEqualTo("server restarting");
			assertThat(client.socket().getInputStream().read()).isEqualTo(-1);
			client.close();
			drained.get(2, TimeUnit.SECONDS);
		}
		finally {
			server.stop();
		}
	}

	@Test
	void shutdownStopsAcceptingAtOnce() throws Exception {
		SocketServer server = echoServer("unbind", (connection, frame) -> connection.offer(frame));
		int port = server.port();
		try (TestClient client = new TestClient(port)) {
			client.writeFrame(new byte[] { 1 });
			client.readFrame();
			CompletableFuture<Void> drained = server.shutdownGracefully(Duration.ofSeconds(5)).toCompletableFuture();
			assertThat(server.state()).isEqualTo(ServerState.DRAINING);
			assertThat(server.isRunning()).isTrue();
			assertThat(client.isClosedByPeer()).isTrue();
			client.close();
			drained.get(2, TimeUnit.SECONDS);
			assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new TestClient(port).close()))
				.isInstanceOf(ConnectException.class);
		}
		finally {
			server.stop();
		}
	}

	@Test
	void connectionsThatDoNotFinishAreClosedWhenTheGracePeriodEnds() throws Exception {
		SocketServer server = echoServer("grace", (connection, frame) -> connection.offer(frame));
		try (Socket stubborn = new Socket("127.0.0.1", server.port())) {
			stubborn.getOutputStream().write(TestClient.frame(new byte[] { 7 }));
			await().until(() -> server.connections().stats().messagesReceived() == 1);
			// It never reads its reply nor closes after the server's FIN: only the grace period ends it.
			long start = System.nanoTime();
			server.shutdownGracefully(Duration.ofMillis(500)).toCompletableFuture().get(10, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
			assertThat(server.connections().count()).isZero();
			assertThat(server.connections().stats().closed(CloseReason.SERVER_SHUTDOWN)).isOne();
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aPeerThatNeverClosesItsSideIsGivenAFewSecondsNotTheWholeGracePeriod() throws Exception {
		SocketServer server = echoServer("linger", (connection, frame) -> connection.offer(frame));
		try (Socket reader = new Socket("127.0.0.1", server.port())) {
			reader.setSoTimeout(10_000);
			reader.getOutputStream().write(TestClient.frame(new byte[] { 9 }));
			await().until(() -> server.connections().stats().messagesReceived() == 1);
			long start = System.nanoTime();
			CompletableFuture<Void> drained = server.shutdownGracefully(Duration.ofSeconds(60)).toCompletableFuture();
			// It reads its reply and the end of the stream, but keeps its own side open.
			assertThat(reader.getInputStream().readNBytes(5)).containsExactly(0, 0, 0, 1, 9);
			assertThat(reader.getInputStream().read()).isEqualTo(-1);
			drained.get(20, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		}
		finally {
			server.stop();
		}
	}

	/**
	 * Keeps a few numbered frames in flight, checks that replies come back in order and whole.
	 */
	private static final class PipeliningClient extends ChannelInboundHandlerAdapter {

		static final int DEPTH = 4;

		private final int number;

		private final AtomicLong replies = new AtomicLong();

		private long sent;

		private ByteBuf pending = Unpooled.EMPTY_BUFFER;

		private volatile int leftoverBytes;

		private volatile boolean closed;

		private volatile String failure;

		PipeliningClient(int number) {
			this.number = number;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			for (int i = 0; i < DEPTH; i++) {
				send(ctx.channel());
			}
			ctx.flush();
		}

		private void send(Channel channel) {
			byte[] payload = ("c" + this.number + "-" + this.sent++).getBytes(StandardCharsets.US_ASCII);
			channel.write(Unpooled.wrappedBuffer(TestClient.frame(payload)));
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf in = (ByteBuf) msg;
			ByteBuf all = Unpooled.wrappedBuffer(this.pending, in);
			while (all.readableBytes() >= 4 && all.readableBytes() >= 4 + all.getInt(all.readerIndex())) {
				byte[] payload = new byte[all.readInt()];
				all.readBytes(payload);
				String expected = "c" + this.number + "-" + this.replies.get();
				if (!expected.equals(new String(payload, StandardCharsets.US_ASCII)) && this.failure == null) {
					this.failure = "expected " + expected + " got " + new String(payload, StandardCharsets.US_ASCII);
				}
				this.replies.incrementAndGet();
				send(ctx.channel());
			}
			this.pending = Unpooled.copiedBuffer(all);
			all.release();
			ctx.flush();
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
			if (evt instanceof ChannelInputShutdownEvent) {
				ctx.close();
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			this.leftoverBytes = this.pending.readableBytes();
			this.pending.release();
			this.pending = Unpooled.EMPTY_BUFFER;
			this.closed = true;
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			if (this.failure == null) {
				this.failure = cause.toString();
			}
			ctx.close();
		}

	}

}
