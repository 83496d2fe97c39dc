package dev.socketserver.test.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.MessageDecoder;
import dev.socketserver.server.SocketServer;
import org.jspecify.annotations.Nullable;

/**
 * Opens a test client's socket: connects, waits until the server registered the connection so that the client
 * can find it there, then layers TLS if asked.
 */
final class Connector {

	private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long LONGEST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

	private final InetSocketAddress address;

	private final @Nullable MessageCodec<Object> codec;

	private final @Nullable SSLContext sslContext;

	private final boolean verifyHostname;

	private final Duration timeout;

	private final @Nullable InetAddress localAddress;

	@SuppressWarnings("unchecked")
	Connector(InetSocketAddress address, @Nullable MessageCodec<?> codec, @Nullable SSLContext sslContext,
			boolean verifyHostname, Duration timeout, @Nullable InetAddress localAddress) {
		this.address = address;
		this.codec = (MessageCodec<Object>) codec;
		this.sslContext = sslContext;
		this.verifyHostname = verifyHostname;
		this.timeout = timeout;
		this.localAddress = localAddress;
	}

	/**
	 * Returns where to reach a running server: its bound address, or the loopback for a wildcard one.
	 */
	static InetSocketAddress addressOf(SocketServer server) {
		InetSocketAddress bound = server.boundAddress();
		if (bound == null) {
			throw new IllegalStateException("Socket server '" + server.name() + "' is not running");
		}
		InetAddress address = bound.getAddress();
		if (address == null || address.isAnyLocalAddress()) {
			address = InetAddress.getLoopbackAddress();
		}
		// By its IP literal, not "localhost": that is the host TLS checks the certificate against, and SNI skips.
		return new InetSocketAddress(address.getHostAddress(), bound.getPort());
	}

	SocketTestClient connect(@Nullable SocketServer server) {
		ServerSide serverSide = (server != null) ? new ServerSide(server) : null;
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			if (this.localAddress != null) {
				socket.bind(new InetSocketAddress(this.localAddress, 0));
			}
			socket.connect(this.address, (int) this.timeout.toMillis());
			long deadline = System.nanoTime() + this.timeout.toNanos();
			MessageDecoder<Object> decoder = (this.codec != null) ? this.codec.newDecoder() : null;
			if (serverSide != null) {
				serverSide.connectedFrom(socket.getLocalPort());
			}
			SSLContext sslContext = this.sslContext;
			if (sslContext == null) {
				Inbound inbound = new Inbound(socket, decoder);
				if (serverSide != null) {
					awaitRegistration(serverSide, (until) -> inbound.read(until) && inbound.end() != null, deadline);
				}
				return new SocketTestClient(socket, inbound, this.codec, serverSide, this.timeout);
			}
			// Before the handshake: a TLS server says nothing until the client hello, so reading the plain socket
			// can only see a refusal.
			boolean refused = serverSide != null && awaitRegistration(serverSide, (until) -> ended(socket, until),
					deadline);
			SSLSocket tls = (SSLSocket) sslContext.getSocketFactory()
				.createSocket(socket, this.address.getHostString(), this.address.getPort(), true);
			Inbound inbound = new Inbound(tls, decoder);
			if (!refused) {
				handshake(tls, inbound);
			}
			return new SocketTestClient(tls, inbound, this.codec, serverSide, this.timeout);
		}
		catch (IOException ex) {
			close(socket);
			throw new AssertionError("Could not connect to " + this.address + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException | Error ex) {
			close(socket);
			throw ex;
		}
	}

	/**
	 * Waits until the server registered the connection, or the probe saw it end (refused when accepted).
	 * @return whether the connection ended
	 */
	private static boolean awaitRegistration(ServerSide serverSide, Probe probe, long deadline) throws IOException {
		long pause = FIRST_POLL_NANOS;
		while (serverSide.connection() == null) {
			long now = System.nanoTime();
			if (now - deadline >= 0) {
				return false;
			}
			if (probe.ended(Math.min(deadline, now + pause))) {
				return true;
			}
			pause = Math.min(pause * 2, LONGEST_POLL_NANOS);
		}
		return false;
	}

	private static boolean ended(Socket socket, long deadline) throws IOException {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			return false;
		}
		socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
		InputStream in = socket.getInputStream();
		try {
			if (in.read() < 0) {
				return true;
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
		throw new AssertionError("The server sent bytes before the TLS handshake: is it a TLS server?");
	}

	private void handshake(SSLSocket tls, Inbound inbound) throws IOException {
		if (this.verifyHostname) {
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			tls.setSSLParameters(parameters);
		}
		tls.setSoTimeout((int) this.timeout.toMillis());
		try {
			tls.startHandshake();
		}
		catch (IOException ex) {
			// Tests of TLS failures expect the close; others fail on their first expectation, with this cause.
			inbound.ended("TLS handshake failed: " + ex.getMessage());
		}
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already failing: the connect error is what the test reports.
		}
	}

	@FunctionalInterface
	private interface Probe {

		/**
		 * Reads until the deadline and returns whether the connection ended.
		 */
		boolean ended(long deadline) throws IOException;

	}

}
