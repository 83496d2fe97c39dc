package dev.socketserver.ssl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocket;

import dev.socketserver.TestClient;
import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.connection.ConnectionStats;
import dev.socketserver.connection.SocketHandler;
import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * TLS over real loopback sockets, with certificates made in the test, on the JDK and the native engine.
 */
class TlsServerTests {

	private static EventLoops eventLoops;

	private static EventLoopGroup clientGroup;

	private final List<SocketServer> servers = new ArrayList<>();

	private final IdentityHandler handler = new IdentityHandler();

	@BeforeAll
	static void createEventLoops() {
		eventLoops = EventLoops.builder().workerThreads(2).build();
		clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
	}

	@AfterAll
	static void closeEventLoops() throws InterruptedException {
		clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
		eventLoops.close();
	}

	@AfterEach
	void stopServers() {
		this.servers.forEach(SocketServer::stop);
	}

	private SocketServer start(ServerSsl ssl) {
		SocketServer server = new NettySocketServer(SocketServerConfig.builder("tls")
			.address(InetAddress.getLoopbackAddress())
			.codec(MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes()))
			.handler(this.handler)
			.ssl(ssl)
			.build(), eventLoops);
		server.start();
		this.servers.add(server);
		return server;
	}

	private static InetSocketAddress address(SocketServer server) {
		return new InetSocketAddress("127.0.0.1", server.port());
	}

	private static ServerSsl ssl(SslEngineType engine, ClientAuth clientAuth) {
		return ServerSsl.of(TestPki.serverContext(TestPki.server(1), engine, clientAuth));
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void echoesOverTls13ByDefault(SslEngineType engine) throws Exception {
		ServerSsl ssl = ssl(engine, ClientAuth.NONE);
		assertThat(ssl.engine()).isEqualTo((engine == SslEngineType.JDK) ? "jdk" : "openssl");
		assertThat(ssl.protocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
		SocketServer server = start(ssl);
		try (SSLSocket socket = TestPki.connect(address(server), null); TestClient client = new TestClient(socket)) {
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
			assertThat(client.readFrame()).asString().isEqualTo("hello anonymous over TLSv1.3");
			client.writeFrame("ping".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readFrame()).asString().isEqualTo("ping");
		}
	}

	@Test
	void autoPicksTheNativeEngineWhenTcnativeIsPresent() throws Exception {
		assertThat(SslContextFactory.isOpenSslAvailable()).isTrue();
		ServerSsl ssl = ServerSsl.of(SslContextFactory.forServer(TestPki.server(1).toKeyManagerFactory()).build());
		assertThat(ssl.engine()).isEqualTo("openssl");
		assertThat(ssl.library()).containsIgnoringCase("BoringSSL");
		assertThat(ssl.clientAuth()).isEqualTo(ClientAuth.NONE);
		assertThat(ssl.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void tls11ClientIsRefused(SslEngineType engine) throws Exception {
		SocketServer server = start(ssl(engine, ClientAuth.NONE));
		Throwable failure = handshake(server.port(), tls11Client());
		assertThat(failure).isNotNull();
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.TLS_HANDSHAKE_FAILED)).isEqualTo(1));
		assertThat(this.handler.opened).hasValue(0);
	}

	@Test
	void theTls11ClientOfTheRefusalTestDoesSpeakTls11() throws Exception {
		X509Bundle rsa = TestPki.rsaServer();
		SslContext context = SslContextFactory.forServer(rsa.toKeyManagerFactory())
			.protocols(List.of("TLSv1.1", "TLSv1.2"))
			.engine(SslEngineType.OPENSSL)
			.build();
		SocketServer server = start(ServerSsl.of(context));
		assertThat(handshake(server.port(), tls11Client())).isNull();
		await().untilAsserted(() -> assertThat(this.handler.protocols).contains("TLSv1.1"));
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void requiredClientCertificateGivesTheHandlerTheClientsIdentity(SslEngineType engine) throws Exception {
		SocketServer server = start(ssl(engine, ClientAuth.REQUIRE));
		try (SSLSocket socket = TestPki.connect(address(server), TestPki.client("device-42"));
				TestClient client = new TestClient(socket)) {
			assertThat(client.readFrame()).asString()
				.isEqualTo("hello device-42 [device-42.devices.example, urn:device:device-42] over TLSv1.3");
			client.writeFrame("ping".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readFrame()).asString().isEqualTo("ping");
			assertThat(server.connections().identities()).contains("device-42");
		}
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void requiredClientCertificateMissingFailsTheHandshake(SslEngineType engine) throws Exception {
		SocketServer server = start(ssl(engine, ClientAuth.REQUIRE));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			// TLS 1.3 clients finish their side before the server checks: the refusal shows on the first read.
			try (SSLSocket socket = TestPki.connect(address(server), null);
					TestClient client = new TestClient(socket)) {
				client.readFrame();
			}
		});
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.TLS_HANDSHAKE_FAILED)).isEqualTo(1));
		assertThat(this.handler.opened).hasValue(0);
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void wantedClientCertificateIsOptional(SslEngineType engine) throws Exception {
		SocketServer server = start(ssl(engine, ClientAuth.OPTIONAL));
		try (SSLSocket socket = TestPki.connect(address(server), null); TestClient client = new TestClient(socket)) {
			assertThat(client.readFrame()).asString().isEqualTo("hello anonymous over TLSv1.3");
		}
		try (SSLSocket socket = TestPki.connect(address(server), TestPki.client("sensor-7"));
				TestClient client = new TestClient(socket)) {
			assertThat(client.readFrame()).asString().startsWith("hello sensor-7 [sensor-7.devices.example");
		}
	}

	@Test
	void silentPeerIsClosedAtTheHandshakeTimeout() throws Exception {
		SocketServer server = start(new ServerSsl(TestPki.serverContext(TestPki.server(1), SslEngineType.JDK,
				ClientAuth.NONE), Duration.ofMillis(300)));
		long start = System.nanoTime();
		try (TestClient client = new TestClient(server.port())) {
			assertThat(client.isClosedByPeer()).isTrue();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
				Duration.ofSeconds(3));
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.TLS_HANDSHAKE_FAILED)).isEqualTo(1));
	}

	@Test
	void plainTextOnTheTlsPortIsAFailedHandshake() throws Exception {
		SocketServer server = start(ssl(SslEngineType.OPENSSL, ClientAuth.NONE));
		try (TestClient client = new TestClient(server.port())) {
			client.writeLine("GET / HTTP/1.0");
			assertThat(client.isClosedByPeer()).isTrue();
		}
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.TLS_HANDSHAKE_FAILED)).isEqualTo(1));
		assertThat(this.handler.opened).hasValue(0);
		assertThat(this.handler.closed).hasValue(0);
	}

	@Test
	void peerLeavingBeforeItsHandshakeIsNoFailure() throws Exception {
		SocketServer server = start(ssl(SslEngineType.JDK, ClientAuth.NONE));
		new TestClient(server.port()).close();
		ConnectionStats stats = server.connections().stats();
		await().untilAsserted(() -> assertThat(stats.closed(CloseReason.PEER_CLOSED)).isEqualTo(1));
		assertThat(stats.closed(CloseReason.TLS_HANDSHAKE_FAILED)).isZero();
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void updatedContextServesNewConnectionsWhileOpenOnesKeepTheirs(SslEngineType engine) throws Exception {
		ServerSsl ssl = ssl(engine, ClientAuth.NONE);
		SocketServer server = start(ssl);
		try (SSLSocket first = TestPki.connect(address(server), null); TestClient old = new TestClient(first)) {
			old.readFrame();
			assertThat(serial(first)).isEqualTo(1);
			ssl.update(TestPki.serverContext(TestPki.server(2), engine, ClientAuth.NONE));
			assertThat(ssl.updates()).isEqualTo(1);
			try (SSLSocket second = TestPki.connect(address(server), null)) {
				assertThat(serial(second)).isEqualTo(2);
			}
			old.writeFrame("still here".getBytes(StandardCharsets.US_ASCII));
			assertThat(old.readFrame()).asString().isEqualTo("still here");
		}
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void gracefulShutdownSaysGoodbyeAndEndsTheTlsStreamCleanly(SslEngineType engine) throws Exception {
		SocketServer server = start(ssl(engine, ClientAuth.NONE));
		try (SSLSocket socket = TestPki.connect(address(server), null); TestClient client = new TestClient(socket)) {
			client.readFrame();
			CompletionStage<Void> drained = server.shutdownGracefully(Duration.ofSeconds(5));
			assertThat(client.readFrame()).asString().isEqualTo("goodbye");
			// close_notify before FIN: the JDK client sees a clean end of stream, not a truncation error.
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
			socket.close();
			drained.toCompletableFuture().get(5, TimeUnit.SECONDS);
		}
	}

	private static long serial(SSLSocket socket) throws Exception {
		return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().longValueExact();
	}

	private static SslContext tls11Client() throws Exception {
		return SslContextBuilder.forClient()
			.sslProvider(SslProvider.OPENSSL)
			.protocols("TLSv1.1")
			.trustManager(TestPki.CA.toTrustManagerFactory())
			.build();
	}

	/**
	 * Handshakes with a Netty client, which (with the native engine) can still offer TLS 1.1, unlike the JDK's.
	 */
	private static @Nullable Throwable handshake(int port, SslContext client) throws InterruptedException {
		AtomicReference<SslHandler> ssl = new AtomicReference<>();
		Channel channel = new Bootstrap().group(clientGroup)
			.channel(NioSocketChannel.class)
			.handler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel ch) {
					// Kept here: a refused handshake may close the channel, emptying its pipeline, before we look.
					ssl.set(client.newHandler(ch.alloc(), "127.0.0.1", port));
					ch.pipeline().addLast(ssl.get());
				}

			})
			.connect("127.0.0.1", port)
			.sync()
			.channel();
		try {
			Future<Channel> handshake = ssl.get().handshakeFuture();
			assertThat(handshake.await(5, TimeUnit.SECONDS)).isTrue();
			return handshake.cause();
		}
		finally {
			channel.close().sync();
		}
	}

	/**
	 * Greets each connection with the identity from its certificate and binds it, then echoes.
	 */
	static final class IdentityHandler implements SocketHandler<byte[]> {

		final AtomicInteger opened = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		final List<String> protocols = new CopyOnWriteArrayList<>();

		@Override
		public void onOpen(Connection connection) {
			this.opened.incrementAndGet();
			X509Certificate certificate = connection.peerCertificate();
			String who = "anonymous";
			if (certificate != null) {
				String name = CertificateNames.commonName(certificate);
				connection.bindIdentity(name);
				who = name + " " + CertificateNames.subjectAlternativeNames(certificate);
			}
			String protocol = connection.sslSession().getProtocol();
			this.protocols.add(protocol);
			connection.offer(("hello " + who + " over " + protocol).getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public void onMessage(Connection connection, byte[] message) {
			connection.offer(message);
		}

		@Override
		public void onClose(Connection connection, CloseReason reason) {
			this.closed.incrementAndGet();
		}

		@Override
		public void onShutdown(Connection connection) {
			connection.offer("goodbye".getBytes(StandardCharsets.UTF_8));
		}

	}

}
