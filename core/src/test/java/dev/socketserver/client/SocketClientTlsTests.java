package dev.socketserver.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.socketserver.ServerFixture;
import dev.socketserver.client.ClientTestSupport.Recording;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.server.SocketServer;
import dev.socketserver.ssl.ClientSsl;
import dev.socketserver.ssl.ServerSsl;
import dev.socketserver.ssl.SslContextFactory;
import dev.socketserver.ssl.SslEngineType;
import dev.socketserver.ssl.TestPki;
import io.netty.handler.ssl.ClientAuth;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients over TLS with certificates made in the test: the server's certificate is verified against the host
 * connected to (or the configured server name), on the JDK and the native engine.
 */
class SocketClientTlsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static final ServerFixture servers = new ServerFixture();

	private final ClientTestSupport clients = new ClientTestSupport();

	@AfterEach
	void stopClients() {
		this.clients.stopClients();
	}

	private static SocketServer startServer(X509Bundle certificate) {
		return servers.start(ClientTestSupport.lineEchoServer("tls")
			.ssl(ServerSsl.of(TestPki.serverContext(certificate, SslEngineType.AUTO, ClientAuth.NONE))));
	}

	private static ClientSsl clientSsl(SslEngineType engine) throws Exception {
		return ClientSsl.of(SslContextFactory.forClient()
			.trustManager(TestPki.CA.toTrustManagerFactory())
			.engine(engine)
			.build());
	}

	/**
	 * Returns the server's address by the name {@code localhost}, without asking a resolver which address that
	 * is.
	 */
	private static InetSocketAddress localhost(SocketServer server) throws Exception {
		return new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 }),
				server.port());
	}

	private SocketClient start(InetSocketAddress endpoint, ClientSsl ssl, Recording handler) {
		return this.clients.start(SocketClientConfig.builder("tls")
			.endpoint(endpoint)
			.codec(ClientTestSupport.lines())
			.handler(handler)
			.ssl(ssl)
			.reconnect((reconnect) -> reconnect.withInitialDelay(Duration.ofMillis(10))
				.withMaxDelay(Duration.ofMillis(40))), servers.eventLoops());
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void connectsToAServerWhoseCertificateNamesTheHostConnectedTo(SslEngineType engine) throws Exception {
		SocketServer server = startServer(TestPki.server(1));
		Recording handler = new Recording();
		SocketClient client = start(localhost(server), clientSsl(engine), handler);
		Connection connection = client.awaitConnected(TIMEOUT);
		assertThat(connection.sslSession()).isNotNull();
		assertThat(connection.sslSession().getProtocol()).isEqualTo("TLSv1.3");
		assertThat(connection.peerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		// The handler opened after the handshake, and so saw the server's certificate.
		assertThat(handler.opened).singleElement().satisfies((opened) -> assertThat(opened.peerCertificate())
			.isNotNull());
		client.send("secret");
		assertThat(handler.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("secret");
	}

	@ParameterizedTest
	@EnumSource(value = SslEngineType.class, names = { "JDK", "OPENSSL" })
	void refusesAServerWhoseCertificateNamesAnotherHostAndBacksOff(SslEngineType engine) throws Exception {
		SocketServer server = startServer(TestPki.serverNamed("other.example"));
		Recording handler = new Recording();
		ClientTestSupport.StateRecorder recorder = new ClientTestSupport.StateRecorder();
		SocketClient client = start(localhost(server), clientSsl(engine), handler);
		client.addListener(recorder);
		await().atMost(TIMEOUT).until(() -> client.connectFailures() >= 2 && recorder.delaysMillis.size() >= 2);
		assertThat(client.stats().closed(CloseReason.TLS_HANDSHAKE_FAILED)).isGreaterThanOrEqualTo(2);
		assertThat(client.lastBackoff()).isNotNull();
		assertThat(recorder.states).doesNotContain(ClientState.CONNECTED);
		assertThat(client.connection()).isNull();
		assertThat(handler.opened).isEmpty();
		assertThat(handler.closed).isEmpty();
	}

	@Test
	void verifiesTheConfiguredServerNameInsteadOfTheHost() throws Exception {
		SocketServer server = startServer(TestPki.serverNamed("other.example"));
		SocketClient client = start(localhost(server), clientSsl(SslEngineType.AUTO).withServerName("other.example"),
				new Recording());
		Connection connection = client.awaitConnected(TIMEOUT);
		assertThat(connection.peerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=other.example");
	}

	@Test
	void withoutHostnameVerificationAnyTrustedCertificateWillDo() throws Exception {
		SocketServer server = startServer(TestPki.serverNamed("other.example"));
		SocketClient client = start(localhost(server), clientSsl(SslEngineType.AUTO).withVerifyHostname(false),
				new Recording());
		assertThat(client.awaitConnected(TIMEOUT).sslSession()).isNotNull();
	}

}
