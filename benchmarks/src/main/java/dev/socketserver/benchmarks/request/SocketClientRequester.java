package dev.socketserver.benchmarks.request;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.client.NettySocketClient;
import dev.socketserver.client.SocketClientConfig;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.Connection;
import dev.socketserver.request.Correlation;
import dev.socketserver.request.RequestPolicy;
import dev.socketserver.transport.EventLoops;
import dev.socketserver.transport.Transport;
import io.netty.channel.EventLoop;

/**
 * The product: a {@code SocketClient} pool whose requests are matched by the built-in binary sequence
 * correlation, as shipped (deadline wheel, in-flight limit, request metrics counters).
 */
final class SocketClientRequester implements Requester {

	private final EventLoops loops;

	private final NettySocketClient client;

	private final List<Connection> connections;

	SocketClientRequester(NettyTransport transport, InetSocketAddress server, int connections, int inFlight,
			Duration timeout) throws Exception {
		this.loops = EventLoops.builder()
			.transport(Transport.valueOf(transport.resolveForClient().name()))
			.workerThreads(1)
			.build();
		this.client = new NettySocketClient(SocketClientConfig.builder("requester")
			.endpoints(List.of(server))
			.codec(MessageCodec.of(LengthFieldFraming.builder().maxFrameLength(1 << 20).build(),
					PayloadCodec.bytes()))
			.poolSize(connections)
			.requests(new RequestPolicy(Correlation.binarySequence(0, 0, 4), Math.max(1024, inFlight * 2), timeout))
			.build(), this.loops);
		this.client.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.client.connections().size() < connections) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + this.client.connections().size() + " of " + connections
						+ " connections came up");
			}
			Thread.sleep(10);
		}
		this.connections = this.client.connections();
	}

	@Override
	public EventLoop loop() {
		return (EventLoop) this.loops.workerGroup().next();
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public CompletionStage<byte[]> request(int slot, byte[] payload) {
		// The slot's own connection, as the raw side does, rather than the pool's round robin. The reply of the
		// bytes codec is a byte[]: a cast, not a stage of its own, so that both sides allocate alike.
		return (CompletionStage) this.connections.get(slot % this.connections.size()).request(payload);
	}

	@Override
	public void flush() {
		// Writes made outside a read are flushed by the connection itself.
	}

	@Override
	public void close() {
		this.client.stop();
		this.loops.close();
	}

}
