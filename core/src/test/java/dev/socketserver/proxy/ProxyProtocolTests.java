package dev.socketserver.proxy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

import dev.socketserver.TestClient;
import dev.socketserver.access.CidrRanges;
import dev.socketserver.codec.LineFraming;
import dev.socketserver.codec.LineFraming.LineDelimiter;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.ssl.ServerSsl;
import dev.socketserver.ssl.SslEngineType;
import dev.socketserver.ssl.TestPki;
import dev.socketserver.transport.EventLoops;
import io.netty.handler.ssl.ClientAuth;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PROXY protocol v1 and v2 over real sockets. Linux routes all of 127/8 to the loopback, so a client bound to
 * 127.0.0.2 stands for an untrusted peer next to the trusted proxy on 127.0.0.1.
 */
class ProxyProtocolTests {

	private static final InetAddress PROXY = address("127.0.0.1");

	private static final InetAddress STRANGER = address("127.0.0.2");

	private static EventLoops eventLoops;

	private final List<SocketServer> servers = new ArrayList<>();

	private final List<String> opened = new CopyOnWriteArrayList<>();

	private final List<String> messages = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void createEventLoops() {
		eventLoops = EventLoops.builder().workerThreads(1).build();
	}

	@AfterAll
	static void closeEventLoops() {
		eventLoops.close();
	}

	@AfterEach
	void stopServers() {
		this.servers.forEach(SocketServer::stop);
	}

	private SocketServer start(ProxyProtocolMode mode, @Nullable ServerSsl ssl) {
		SocketServer server = new NettySocketServer(SocketServerConfig.builder("proxied")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(new LineFraming(256, LineDelimiter.LF), PayloadCodec.string(StandardCharsets.UTF_8)))
			.handler(new SocketHandler<String>() {

				@Override
				public void onOpen(Connection connection) {
					ProxyProtocolTests.this.opened.add(host(connection));
				}

				@Override
				public void onMessage(Connection connection, String line) {
					ProxyProtocolTests.this.messages.add(line);
					connection.offer(host(connection) + " said " + line);
				}

			})
			.proxyProtocol(new ProxyProtocol(mode, CidrRanges.parse("127.0.0.1/32", "10.0.0.0/8")))
			.ssl(ssl)
			.build(), eventLoops);
		server.start();
		this.servers.add(server);
		return server;
	}

	private static String host(Connection connection) {
		InetSocketAddress remote = (InetSocketAddress) connection.remoteAddress();
		return remote.getAddress().getHostAddress() + ":" + remote.getPort();
	}

	private static TestClient client(SocketServer server, InetAddress from) throws Exception {
		return new TestClient(new InetSocketAddress("127.0.0.1", server.port()), from);
	}

	@Test
	void v1HeaderFromTrustedProxyGivesTheClientsAddress() throws Exception {
		SocketServer server = start(ProxyProtocolMode.REQUIRED, null);
		try (TestClient proxy = client(server, PROXY)) {
			proxy.write("PROXY TCP4 203.0.113.7 192.0.2.1 51234 7000\r\nhello\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(proxy.readLine()).isEqualTo("203.0.113.7:51234 said hello");
		}
		assertThat(this.opened).containsExactly("203.0.113.7:51234");
	}

	@Test
	void v2HeaderFromTrustedProxyGivesTheClientsIpv6Address() throws Exception {
		SocketServer server = start(ProxyProtocolMode.REQUIRED, null);
		try (TestClient proxy = client(server, PROXY)) {
			// Header and first line split across writes: the header is waited for, the line follows.
			byte[] header = v2Header(InetAddress.getByName("2001:db8::42"), InetAddress.getByName("2001:db8::1"), 40000,
					7000);
			proxy.write(Arrays.copyOf(header, 7));
			proxy.write(Arrays.copyOfRange(header, 7, header.length));
			proxy.writeLine("hi");
			assertThat(proxy.readLine()).isEqualTo("2001:db8:0:0:0:0:0:42:40000 said hi");
		}
	}

	@Test
	void v2LocalCommandKeepsTheProxysAddress() throws Exception {
		SocketServer server = start(ProxyProtocolMode.REQUIRED, null);
		try (TestClient proxy = client(server, PROXY)) {
			ByteArrayOutputStream local = new ByteArrayOutputStream();
			local.write(V2_SIGNATURE);
			local.write(new byte[] { 0x20, 0x00, 0x00, 0x00 });
			local.write("check\n".getBytes(StandardCharsets.US_ASCII));
			proxy.write(local.toByteArray());
			assertThat(proxy.readLine()).startsWith("127.0.0.1:").endsWith(" said check");
		}
	}

	@Test
	void headerFromUntrustedAddressIsRefused() throws Exception {
		SocketServer server = start(ProxyProtocolMode.OPTIONAL, null);
		try (TestClient stranger = client(server, STRANGER)) {
			stranger.write(
					"PROXY TCP4 198.51.100.1 192.0.2.1 1111 7000\r\nhello\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(stranger.isClosedByPeer()).isTrue();
		}
		try (TestClient stranger = client(server, STRANGER)) {
			stranger.write(v2Header(InetAddress.getByName("198.51.100.1"), InetAddress.getByName("192.0.2.1"), 1, 2));
			assertThat(stranger.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.PROXY_PROTOCOL_ERROR)).isEqualTo(2));
		// A stranger's address is final at once, so it was opened; what it sent after the header never arrived.
		assertThat(this.opened).allMatch((host) -> host.startsWith("127.0.0.2:"));
		assertThat(this.messages).isEmpty();
	}

	@Test
	void untrustedClientWithoutHeaderIsServedAsItselfAtOnce() throws Exception {
		SocketServer server = start(ProxyProtocolMode.REQUIRED, null);
		try (TestClient direct = client(server, STRANGER)) {
			await().until(() -> this.opened.size() == 1);
			assertThat(this.opened.get(0)).startsWith("127.0.0.2:");
			direct.writeLine("x");
			assertThat(direct.readLine()).startsWith("127.0.0.2:").endsWith(" said x");
		}
	}

	@Test
	void trustedProxyWithoutHeaderIsClosedWhenRequired() throws Exception {
		SocketServer server = start(ProxyProtocolMode.REQUIRED, null);
		try (TestClient proxy = client(server, PROXY)) {
			proxy.writeLine("hello");
			assertThat(proxy.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.PROXY_PROTOCOL_ERROR)).isEqualTo(1));
		assertThat(this.opened).isEmpty();
	}

	@Test
	void trustedProxyWithoutHeaderKeepsItsAddressWhenOptional() throws Exception {
		SocketServer server = start(ProxyProtocolMode.OPTIONAL, null);
		try (TestClient proxy = client(server, PROXY)) {
			proxy.writeLine("hello");
			assertThat(proxy.readLine()).startsWith("127.0.0.1:").endsWith(" said hello");
		}
	}

	@Test
	void malformedHeaderFromTrustedProxyIsClosed() throws Exception {
		SocketServer server = start(ProxyProtocolMode.REQUIRED, null);
		try (TestClient proxy = client(server, PROXY)) {
			proxy.write("PROXY TCP4 not-an-address 192.0.2.1 1 2\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(proxy.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.PROXY_PROTOCOL_ERROR)).isEqualTo(1));
	}

	@Test
	void headerPrecedesTlsAndTheHandlerSeesBothTheClientAndItsCertificate() throws Exception {
		ServerSsl ssl = ServerSsl.of(TestPki.serverContext(TestPki.server(1), SslEngineType.JDK, ClientAuth.NONE));
		SocketServer server = start(ProxyProtocolMode.REQUIRED, ssl);
		try (Socket raw = new Socket()) {
			raw.bind(new InetSocketAddress(PROXY, 0));
			raw.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			raw.getOutputStream()
				.write("PROXY TCP4 203.0.113.9 192.0.2.1 4000 7000\r\n".getBytes(StandardCharsets.US_ASCII));
			SSLSocket tls = TestPki.wrap(raw, "127.0.0.1", server.port());
			try (TestClient client = new TestClient(tls)) {
				client.writeLine("secure");
				assertThat(client.readLine()).isEqualTo("203.0.113.9:4000 said secure");
			}
		}
	}

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private static byte[] v2Header(InetAddress source, InetAddress destination, int sourcePort, int destinationPort)
			throws Exception {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		header.write(V2_SIGNATURE);
		header.write(0x21);
		boolean v6 = source.getAddress().length == 16;
		header.write(v6 ? 0x21 : 0x11);
		int length = v6 ? 36 : 12;
		header.write(length >>> 8);
		header.write(length & 0xFF);
		header.write(source.getAddress());
		header.write(destination.getAddress());
		header.write(sourcePort >>> 8);
		header.write(sourcePort & 0xFF);
		header.write(destinationPort >>> 8);
		header.write(destinationPort & 0xFF);
		return header.toByteArray();
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
