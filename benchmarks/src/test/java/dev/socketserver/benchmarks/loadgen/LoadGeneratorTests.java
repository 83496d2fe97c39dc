package dev.socketserver.benchmarks.loadgen;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.benchmarks.baseline.BaselineEchoServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Functional checks of the load generator against an in-process baseline server: it must verify echoes, count no
 * error on a correct server and catch a wrong one. Runs are a fraction of a second; nothing here is timed.
 */
class LoadGeneratorTests {

	private BaselineEchoServer baseline;

	private EventLoopGroup faultyGroup;

	@BeforeEach
	void startBaseline() {
		this.baseline = BaselineEchoServer.start(NettyTransport.AUTO, 1, 0, 0, 0, 1024 * 1024);
	}

	@AfterEach
	void stop() {
		this.baseline.close();
		if (this.faultyGroup != null) {
			this.faultyGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void lengthFieldEchoIsVerifiedWithoutErrors() throws InterruptedException {
		LoadResult result = LoadGenerator.run(options(this.baseline.port(), "--connections", "4", "--pipeline", "8"),
				(line) -> {
				});
		assertThat(result.errors()).as(result.errorSummary()).isZero();
		assertThat(result.connected()).isEqualTo(4);
		assertThat(result.messages()).isPositive();
		assertThat(result.bytes()).isEqualTo(result.messages() * 64);
		assertThat(result.verifiedBytes()).isGreaterThanOrEqualTo(result.bytes());
		assertThat(result.latency().getTotalCount()).isEqualTo(result.messages());
		assertThat(result.resultLine()).startsWith("RESULT mode=echo protocol=length").contains(" errors=0");
	}

	@Test
	void lineEchoIsVerifiedWithoutErrors() throws InterruptedException {
		LoadResult result = LoadGenerator.run(options(this.baseline.linePort(), "--protocol", "line", "--connections",
				"2", "--pipeline", "4", "--payload", "4k", "--source-addresses", "0"), (line) -> {
				});
		assertThat(result.errors()).as(result.errorSummary()).isZero();
		assertThat(result.messages()).isPositive();
		assertThat(result.verifiedBytes()).isGreaterThanOrEqualTo(result.messages() * 4096);
	}

	@Test
	void jsonEchoThroughJacksonIsVerifiedWithoutErrors() throws InterruptedException {
		for (String payload : new String[] { "64", "4k" }) {
			// Jackson's first messages run cold: a longer window than the other checks so that some are measured.
			LoadResult result = LoadGenerator.run(options(this.baseline.jsonPort(), "--protocol", "json",
					"--connections", "2", "--pipeline", "4", "--payload", payload, "--source-addresses", "0",
					"--warmup", "1s", "--duration", "1s"),
					(line) -> {
					});
			assertThat(result.errors()).as(result.errorSummary()).isZero();
			assertThat(result.messages()).isPositive();
		}
	}

	@Test
	void connectCloseCyclesAreVerifiedWithoutErrors() throws InterruptedException {
		LoadResult result = LoadGenerator.run(options(this.baseline.port(), "--mode", "connect", "--concurrency", "4"),
				(line) -> {
				});
		assertThat(result.errors()).as(result.errorSummary()).isZero();
		assertThat(result.messages()).isPositive();
		assertThat(result.connected()).isGreaterThanOrEqualTo(result.messages());
		assertThat(result.verifiedBytes()).isGreaterThanOrEqualTo(result.messages() * 64);
	}

	@Test
	void idleConnectionsAreHeldUntilReleased() throws Exception {
		List<String> progress = new CopyOnWriteArrayList<>();
		IdleLoad idle = new IdleLoad(options(this.baseline.port(), "--mode", "idle", "--connections", "20",
				"--hold", "30s"), progress::add);
		CompletableFuture<LoadResult> run = CompletableFuture.supplyAsync(() -> {
			try {
				return idle.run();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> progress.stream().anyMatch((line) -> line.startsWith("IDLE-READY connected=20 errors=0")));
		assertThat(run).isNotDone();
		idle.release();
		LoadResult result = run.get(10, TimeUnit.SECONDS);
		assertThat(result.errors()).as(result.errorSummary()).isZero();
		assertThat(result.connected()).isEqualTo(20);
	}

	@Test
	void corruptedEchoIsCaught() throws InterruptedException {
		int port = startFaultyServer(() -> new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				ByteBuf frame = (ByteBuf) msg;
				frame.setByte(frame.readerIndex() + 10, frame.getByte(frame.readerIndex() + 10) ^ 0x20);
				ctx.writeAndFlush(frame);
			}

		});
		LoadResult result = LoadGenerator.run(options(port, "--connections", "2"), (line) -> {
		});
		assertThat(result.errors()).isPositive();
		assertThat(result.errorSummary()).contains("verification failed");
		assertThat(result.messages()).isZero();
	}

	@Test
	void echoesMissingAtTheEndAreCaught() throws InterruptedException {
		int port = startFaultyServer(() -> new ChannelInboundHandlerAdapter() {

			private boolean stopped;

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				// Echoes the first frame, then nothing (the frame decoder before it splits reads into frames): echoes
				// stay outstanding and the connection ends waiting for them.
				if (!this.stopped) {
					this.stopped = true;
					ctx.writeAndFlush(msg);
				}
				else {
					((ByteBuf) msg).release();
				}
			}

		});
		LoadResult result = LoadGenerator.run(options(port, "--connections", "1", "--pipeline", "4",
				"--drain-timeout", "200ms"), (line) -> {
				});
		assertThat(result.errors()).isPositive();
		assertThat(result.errorSummary()).contains("connection closed with echoes outstanding");
	}

	private int startFaultyServer(Supplier<ChannelHandler> handler) {
		this.faultyGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		Channel channel = new ServerBootstrap().group(this.faultyGroup)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new LengthFieldBasedFrameDecoder(1024, 0, 4, 0, 4), new LengthFieldPrepender(4),
								handler.get());
				}

			})
			.bind("127.0.0.1", 0)
			.syncUninterruptibly()
			.channel();
		return ((InetSocketAddress) channel.localAddress()).getPort();
	}

	private static LoadGeneratorOptions options(int port, String... more) {
		List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--warmup", "100ms",
				"--duration", "300ms", "--drain-timeout", "5s"));
		args.addAll(List.of(more));
		return LoadGeneratorOptions.parse(args.toArray(String[]::new));
	}

}
