package dev.socketserver.protection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.socketserver.ServerFixture;
import dev.socketserver.TestClient;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.heartbeat.HeartbeatMessages;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One sender floods a room whose members partly never read: the readers get every line in order, the
 * non-readers are closed as slow consumers by their outbound limit, the event loops' task queues stay bounded by
 * the number of connections, and a newcomer is answered at once throughout.
 */
class BroadcastStormTests {

	private static final Logger figures = LoggerFactory.getLogger(BroadcastStormTests.class);

	private static final int READERS = 100;

	private static final int NON_READERS = 100;

	private static final int LINES = 3_000;

	private static final int NEWCOMERS = 3;

	private static final String PADDING = "p".repeat(400);

	private static final byte[] JOIN = "JOIN\n".getBytes(StandardCharsets.US_ASCII);

	@RegisterExtension
	static final ServerFixture fixture = new ServerFixture();

	@Test
	void slowMembersAreClosedWhileEveryoneElseReceivesEveryLineAndTasksStayBounded() throws Exception {
		@Nullable ConnectionManager[] manager = new ConnectionManager[1];
		SocketServer server = fixture.start(SocketServerConfig.builder("storm")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(1024, LineDelimiter.LF),
					PayloadCodec.string(StandardCharsets.UTF_8)))
			.heartbeatMessages(HeartbeatMessages.strings("PING", "PONG"))
			.socketOptions((options) -> options.withSendBufferSize(16 * 1024))
			// Small socket buffers keep the sender paced by the server, not megabytes ahead of it.
			.socketOptions((options) -> options.withReceiveBufferSize(16 * 1024))
			.limits((limits) -> limits.withMaxPendingOutboundBytes(512 * 1024))
			.handler(new Room(manager)));
		manager[0] = server.connections();
		List<Socket> nonReaders = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try (Selector selector = Selector.open()) {
			List<Member> members = new ArrayList<>();
			for (int i = 0; i < READERS; i++) {
				SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
				channel.write(ByteBuffer.wrap(JOIN));
				channel.configureBlocking(false);
				Member member = new Member();
				channel.register(selector, SelectionKey.OP_READ, member);
				members.add(member);
			}
			for (int i = 0; i < NON_READERS; i++) {
				Socket socket = new Socket();
				socket.setReceiveBufferSize(4096);
				socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
				socket.getOutputStream().write(JOIN);
				nonReaders.add(socket);
			}
			await().until(() -> server.connections().groupSize("room") == READERS + NON_READERS);
			Storm storm = new Storm();
			Future<?> reading = threads.submit(() -> readAll(selector, storm));
			AtomicLong mostPendingTasks = new AtomicLong();
			Future<?> sampling = threads.submit(() -> sampleTasks(fixture.eventLoops().workers(), mostPendingTasks,
					storm));
			try (TestClient sender = new TestClient(smallBuffers(server.port()))) {
				Future<?> sending = threads.submit(() -> send(sender, storm));
				long slowestNewcomer = newcomersDuring(server.port(), storm);
				sending.get(60, TimeUnit.SECONDS);
				reading.get(60, TimeUnit.SECONDS);
				sampling.get(10, TimeUnit.SECONDS);
				for (Member member : members) {
					assertThat(member.lines).isEqualTo(storm.sent);
				}
				await().untilAsserted(() -> assertThat(server.connections().stats().closed(CloseReason.SLOW_CONSUMER))
					.isEqualTo(NON_READERS));
				figures.info("Storm: {} lines to {} readers and {} non-readers; every reader got every line, {} "
						+ "non-readers closed as slow consumers; most tasks pending on a loop {}; {} newcomers "
						+ "answered meanwhile, the slowest in {} ms", storm.sent, READERS, NON_READERS,
						server.connections().stats().closed(CloseReason.SLOW_CONSUMER), mostPendingTasks.get(),
						NEWCOMERS, slowestNewcomer);
				// At most a drain and a flush task per connection, however many lines wait: nothing per message.
				assertThat(mostPendingTasks.get()).isLessThan(2L * (READERS + NON_READERS) + 50);
			}
		}
		finally {
			threads.shutdownNow();
			for (Socket socket : nonReaders) {
				socket.close();
			}
		}
	}

	private static Socket smallBuffers(int port) throws IOException {
		Socket socket = new Socket();
		socket.setSendBufferSize(8192);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		return socket;
	}

	/**
	 * Sends lines in bursts until at least {@link #LINES} are out and the newcomers have all been answered: the
	 * storm lasts while they are served, however fast the machine.
	 */
	private static Void send(TestClient sender, Storm storm) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		int sent = 0;
		while ((sent < LINES || !storm.newcomersDone) && System.nanoTime() < deadline) {
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < 100; i++) {
				burst.append(sent++).append(' ').append(PADDING).append('\n');
			}
			sender.write(burst.toString().getBytes(StandardCharsets.UTF_8));
		}
		storm.sent = sent;
		storm.sending = false;
		return null;
	}

	/**
	 * Reads every member's lines, checking each arrives in order, until all members have all that was sent.
	 */
	private static Void readAll(Selector selector, Storm storm) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!storm.allReceived(selector) && System.nanoTime() < deadline) {
			selector.select(100);
			for (SelectionKey key : selector.selectedKeys()) {
				Member member = (Member) key.attachment();
				buffer.clear();
				int n = ((SocketChannel) key.channel()).read(buffer);
				if (n < 0) {
					throw new AssertionError("A reader was closed after " + member.lines + " lines");
				}
				for (int i = 0; i < n; i++) {
					member.accept(buffer.get(i));
				}
			}
			selector.selectedKeys().clear();
		}
		storm.received = true;
		for (SelectionKey key : selector.keys()) {
			key.channel().close();
		}
		return null;
	}

	private static Void sampleTasks(List<? extends EventExecutor> loops, AtomicLong most, Storm storm) {
		while (!storm.received) {
			for (EventExecutor loop : loops) {
				if (loop instanceof SingleThreadEventExecutor executor) {
					most.accumulateAndGet(executor.pendingTasks(), Math::max);
				}
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		return null;
	}

	/**
	 * Connects newcomers one after another while the storm goes on, each answering a PING.
	 * @return the slowest round trip in milliseconds
	 */
	private static long newcomersDuring(int port, Storm storm) throws IOException {
		long worst = 0;
		for (int i = 0; i < NEWCOMERS; i++) {
			try (TestClient newcomer = new TestClient(port)) {
				long start = System.nanoTime();
				newcomer.writeLine("PING");
				assertThat(newcomer.readLine()).isEqualTo("PONG");
				worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
				assertThat(storm.sending).as("storm still going").isTrue();
			}
		}
		storm.newcomersDone = true;
		return worst;
	}

	/**
	 * The state of the storm, shared by the test's threads.
	 */
	private static final class Storm {

		volatile boolean newcomersDone;

		volatile boolean sending = true;

		volatile int sent;

		volatile boolean received;

		boolean allReceived(Selector selector) {
			if (this.sending) {
				return false;
			}
			for (SelectionKey key : selector.keys()) {
				if (((Member) key.attachment()).lines < this.sent) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * What one reading member has seen: the lines must count up from 0.
	 */
	private static final class Member {

		volatile int lines;

		private int value;

		private boolean inNumber = true;

		void accept(byte b) {
			if (b == '\n') {
				this.lines++;
				this.inNumber = true;
				this.value = 0;
				return;
			}
			if (this.inNumber) {
				if (b == ' ') {
					this.inNumber = false;
					if (this.value != this.lines) {
						throw new AssertionError("Expected line " + this.lines + ", got " + this.value);
					}
				}
				else {
					this.value = this.value * 10 + (b - '0');
				}
			}
		}

	}

	/**
	 * JOIN joins the room, anything else goes to its members; PING is answered by the codec's heartbeat.
	 */
	private record Room(@Nullable ConnectionManager[] manager) implements SocketHandler<String> {

		@Override
		public void onMessage(Connection connection, String message) {
			ConnectionManager connections = this.manager[0];
			if (message.equals("JOIN")) {
				connection.join("room");
			}
			else if (connections != null) {
				connections.sendToGroup("room", message, null);
			}
		}

	}

}
