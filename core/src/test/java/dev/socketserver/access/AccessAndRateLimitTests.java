package dev.socketserver.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.socketserver.TestClient;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.dispatch.ExecutionMode;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Allow and deny lists and rate limits over real sockets, on IPv4 loopback (clients bound to 127.0.0.1 or
 * 127.0.0.2) and IPv6 loopback.
 */
class AccessAndRateLimitTests {

	private static final InetAddress LOCAL_1 = address("127.0.0.1");

	private static final InetAddress LOCAL_2 = address("127.0.0.2");

	private static EventLoops eventLoops;

	private final List<SocketServer> servers = new ArrayList<>();

	private final AtomicInteger handled = new AtomicInteger();

	@BeforeAll
	static void createEventLoops() {
		eventLoops = EventLoops.builder().workerThreads(2).build();
	}

	@AfterAll
	static void closeEventLoops() {
		eventLoops.close();
	}

	@AfterEach
	void stopServers() {
		this.servers.forEach(SocketServer::stop);
	}

	private SocketServer echo(InetAddress bind, UnaryOperator<SocketServerConfig.Builder> settings) {
		SocketServer server = new NettySocketServer(settings.apply(SocketServerConfig.builder("guarded")
			.address(bind)
			.codec(MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes()))
			.handler((connection, frame) -> {
				this.handled.incrementAndGet();
				connection.offer(frame);
			})).build(), eventLoops);
		server.start();
		this.servers.add(server);
		return server;
	}

	private static TestClient client(SocketServer server, InetAddress from) throws Exception {
		return new TestClient(new InetSocketAddress(server.boundAddress().getAddress(), server.port()), from);
	}

	private static void assertServed(TestClient client) throws Exception {
		client.writeFrame("hi".getBytes(StandardCharsets.US_ASCII));
		assertThat(client.readFrame()).asString().isEqualTo("hi");
	}

	private static AccessRules rules(String[] allow, String[] deny) {
		return new AccessRules(CidrRanges.parse(allow), CidrRanges.parse(deny));
	}

	@Test
	void allowListAdmitsOnlyItsIpv4Addresses() throws Exception {
		SocketServer server = echo(LOCAL_1,
				(builder) -> builder.accessRules(rules(new String[] { "127.0.0.1/32" }, new String[0])));
		try (TestClient allowed = client(server, LOCAL_1); TestClient stranger = client(server, LOCAL_2)) {
			assertServed(allowed);
			assertThat(stranger.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.rejected(CloseReason.ACCESS_DENIED)).isEqualTo(1));
		assertThat(stats.opened()).isEqualTo(1);
	}

	@Test
	void denyListRefusesItsIpv4AddressesEvenWhenAllowed() throws Exception {
		SocketServer server = echo(LOCAL_1, (builder) -> builder
			.accessRules(rules(new String[] { "127.0.0.0/8" }, new String[] { "127.0.0.2" })));
		try (TestClient allowed = client(server, LOCAL_1); TestClient denied = client(server, LOCAL_2)) {
			assertServed(allowed);
			assertThat(denied.isClosedByPeer()).isTrue();
		}
		assertThat(server.connections().stats().opened()).isEqualTo(1);
	}

	@Test
	void ipv6LoopbackFollowsTheRules() throws Exception {
		InetAddress ipv6 = ipv6Loopback();
		SocketServer denying = echo(ipv6,
				(builder) -> builder.accessRules(rules(new String[0], new String[] { "::1/128" })));
		try (TestClient denied = client(denying, ipv6)) {
			assertThat(denied.isClosedByPeer()).isTrue();
		}
		await().untilAsserted(
				() -> assertThat(denying.connections().stats().rejected(CloseReason.ACCESS_DENIED)).isEqualTo(1));
		SocketServer allowing = echo(ipv6,
				(builder) -> builder.accessRules(rules(new String[] { "::1" }, new String[0])));
		try (TestClient allowed = client(allowing, ipv6)) {
			assertServed(allowed);
		}
		SocketServer ipv4Only = echo(ipv6,
				(builder) -> builder.accessRules(rules(new String[] { "127.0.0.0/8" }, new String[0])));
		try (TestClient refused = client(ipv4Only, ipv6)) {
			assertThat(refused.isClosedByPeer()).isTrue();
		}
	}

	@Test
	void newConnectionsPerAddressAreRateLimited() throws Exception {
		SocketServer server = echo(LOCAL_1,
				(builder) -> builder.connectionRateLimit(new ConnectionRateLimit(0.5, 2, 16)));
		try (TestClient first = client(server, LOCAL_1); TestClient second = client(server, LOCAL_1);
				TestClient third = client(server, LOCAL_1); TestClient other = client(server, LOCAL_2)) {
			assertServed(first);
			assertServed(second);
			assertThat(third.isClosedByPeer()).isTrue();
			assertServed(other);
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.rejected(CloseReason.RATE_LIMITED)).isEqualTo(1));
	}

	@Test
	void messagesBeyondTheRateCloseUnderTheClosePolicy() throws Exception {
		SocketServer server = echo(LOCAL_1,
				(builder) -> builder.messageRateLimit(new MessageRateLimit(10, 5, RateLimitPolicy.CLOSE)));
		try (TestClient client = client(server, LOCAL_1)) {
			client.write(frames(20));
			for (int i = 0; i < 5; i++) {
				assertThat(client.readFrame()).asString().isEqualTo("m" + i);
			}
			assertThat(client.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.RATE_LIMITED)).isEqualTo(1));
		assertThat(this.handled.get()).isBetween(5, 6);
	}

	@ParameterizedTest
	@EnumSource(value = ExecutionMode.class, names = { "EVENT_LOOP", "POOL" })
	void messagesBeyondTheRateWaitUnderThePausePolicyAndNoneIsLost(ExecutionMode mode) throws Exception {
		SocketServer server = echo(LOCAL_1, (builder) -> builder.executionMode(mode)
			.execution((execution) -> execution.withPoolSize(2))
			.messageRateLimit(new MessageRateLimit(40, 10, RateLimitPolicy.PAUSE)));
		long start = System.nanoTime();
		try (TestClient client = client(server, LOCAL_1)) {
			client.write(frames(30));
			client.write(frames(30, 30));
			for (int i = 0; i < 60; i++) {
				assertThat(client.readFrame()).asString().isEqualTo("m" + i);
			}
			assertServed(client);
		}
		// 10 at once, then 50 at 40 per second.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1100));
		ConnectionStats stats = server.connections().stats();
		assertThat(stats.ratePauses()).isPositive();
		assertThat(stats.closed(CloseReason.RATE_LIMITED)).isZero();
		assertThat(this.handled.get()).isEqualTo(61);
	}

	private static byte[] frames(int count) throws Exception {
		return frames(0, count);
	}

	private static byte[] frames(int from, int count) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = from; i < from + count; i++) {
			bytes.write(TestClient.frame(("m" + i).getBytes(StandardCharsets.US_ASCII)));
		}
		return bytes.toByteArray();
	}

	private static InetAddress ipv6Loopback() throws Exception {
		InetAddress ipv6 = Inet6Address.getByName("::1");
		boolean available;
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(ipv6, 0));
			available = NetworkInterface.getByInetAddress(ipv6) != null;
		}
		catch (IOException ex) {
			available = false;
		}
		assumeThat(available).as("IPv6 loopback available").isTrue();
		return ipv6;
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
