package dev.socketserver.test.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import dev.socketserver.codec.Codec;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.connection.CloseReason;
import dev.socketserver.connection.Connection;
import dev.socketserver.server.SocketServer;
import org.jspecify.annotations.Nullable;

/**
 * Blocking client for tests of socket servers, over a plain {@link Socket} on the loopback: it frames and encodes
 * what it sends and decodes what it receives with a {@link MessageCodec}, usually the server's own, and fails
 * with an {@link AssertionError} that shows what was expected and what arrived.
 * <pre class="code">
 * try (SocketTestClient client = SocketTestClient.connect(server)) {
 *     client.send("hello").expect("hello");
 *     client.sendRaw(new byte[100_000]);
 *     client.expectClosed(CloseReason.FRAME_TOO_LARGE);
 * }
 * </pre>
 * Received buffers are copied to byte arrays and released, so tests compare {@code byte[]} and leak nothing.
 * Every wait is bounded by the client's timeout (five seconds unless {@linkplain Builder#timeout(Duration) set}).
 * A client connected to a {@link SocketServer} finds its own connection there ({@link #serverConnection()}), which
 * lets {@link #expectClosed(CloseReason)} check why the server closed it. One thread at a time uses a client.
 *
 * @since 0.1.0
 */
public final class SocketTestClient implements AutoCloseable {

	/**
	 * How long a client waits for a message, a close or a connection, unless told otherwise.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final Socket socket;

	private final OutputStream out;

	private final Inbound inbound;

	private final @Nullable MessageCodec<Object> codec;

	private final @Nullable ServerSide serverSide;

	private final Duration timeout;

	private boolean closed;

	SocketTestClient(Socket socket, Inbound inbound, @Nullable MessageCodec<Object> codec,
			@Nullable ServerSide serverSide, Duration timeout) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.inbound = inbound;
		this.codec = codec;
		this.serverSide = serverSide;
		this.timeout = timeout;
	}

	/**
	 * Connects to a running server with its own codec, over TLS (trusting any certificate) if the server has TLS.
	 * @param server the server, whose codec must be a {@link MessageCodec}
	 * @return the connected client
	 */
	public static SocketTestClient connect(SocketServer server) {
		return builder(server).connect();
	}

	/**
	 * Connects to a running TLS server with its own codec and the given TLS context, for example one holding a
	 * client certificate.
	 * @param server the server, whose codec must be a {@link MessageCodec}
	 * @param sslContext the client's TLS context
	 * @return the connected client
	 */
	public static SocketTestClient connect(SocketServer server, SSLContext sslContext) {
		return builder(server).ssl(sslContext).connect();
	}

	/**
	 * Connects to an address with the given codec, over plain TCP.
	 * @param address the server's address
	 * @param codec the codec that encodes what the client sends and decodes what it receives
	 * @return the connected client
	 */
	public static SocketTestClient connect(InetSocketAddress address, MessageCodec<?> codec) {
		return builder(address).codec(codec).connect();
	}

	/**
	 * Starts building a client of a running server: its address, its codec and whether it has TLS come from the
	 * server, and the client finds its connection there.
	 * @param server the server
	 * @return the builder
	 */
	public static Builder builder(SocketServer server) {
		return new Builder(Objects.requireNonNull(server, "'server' must not be null"), null);
	}

	/**
	 * Starts building a client of an address; without a {@linkplain Builder#codec(MessageCodec) codec} it can
	 * only send raw bytes and wait for the connection to close.
	 * @param address the server's address
	 * @return the builder
	 */
	public static Builder builder(InetSocketAddress address) {
		return new Builder(null, Objects.requireNonNull(address, "'address' must not be null"));
	}

	/**
	 * Encodes a message with the codec, framing included, and writes it.
	 * @param message the message, of a type the codec encodes; a {@code byte[]} is wrapped for a codec of buffers
	 * @return this client
	 * @throws AssertionError if the connection is closed
	 */
	public SocketTestClient send(Object message) {
		byte[] bytes = Outbound.encode(requireCodec(), Objects.requireNonNull(message, "'message' must not be null"));
		try {
			write(bytes);
		}
		catch (IOException ex) {
			String end = this.inbound.end();
			throw new AssertionError("Could not send " + Messages.describe(message) + ": " + ex.getMessage()
					+ ((end != null) ? " (" + end + ")" : "") + describeServerSide(), ex);
		}
		return this;
	}

	/**
	 * Writes bytes as they are, without framing: for clients that misbehave. A failed write (the server closed
	 * the connection meanwhile, as hostile input makes it do) is not reported here: what the test expects next
	 * tells.
	 * @param bytes the bytes
	 * @return this client
	 */
	public SocketTestClient sendRaw(byte[] bytes) {
		try {
			write(Objects.requireNonNull(bytes, "'bytes' must not be null"));
		}
		catch (IOException ex) {
			// The server closed on us: expectClosed() sees it, expectNext() reports it.
		}
		return this;
	}

	/**
	 * Writes text as UTF-8 bytes, without framing, like {@link #sendRaw(byte[])}.
	 * @param text the text
	 * @return this client
	 */
	public SocketTestClient sendRaw(String text) {
		return sendRaw(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns the next message, waiting up to the client's timeout.
	 * @return the message; a {@code byte[]} for payloads decoded as bytes or buffers
	 * @throws AssertionError if none arrives in time or the connection closes first
	 */
	public Object expectNext() {
		return expectNext(this.timeout);
	}

	/**
	 * Returns the next message, waiting up to the given time.
	 * @param timeout the longest wait
	 * @return the message; a {@code byte[]} for payloads decoded as bytes or buffers
	 * @throws AssertionError if none arrives in time or the connection closes first
	 */
	public Object expectNext(Duration timeout) {
		requireCodec();
		long deadline = deadline(timeout);
		while (!this.inbound.hasMessage()) {
			String end = this.inbound.end();
			if (end != null) {
				throw new AssertionError("Expected a message, but the connection was closed (" + end + ")"
						+ this.inbound.leftover() + describeServerSide());
			}
			if (!this.inbound.read(deadline)) {
				throw new AssertionError("Expected a message within " + timeout + ", but none arrived"
						+ this.inbound.leftover() + describeServerSide());
			}
		}
		return this.inbound.take();
	}

	/**
	 * Expects the next message to equal the given one; arrays are compared by content.
	 * @param expected the expected message
	 * @return this client
	 * @throws AssertionError if another message arrives, none arrives in time, or the connection closes
	 */
	public SocketTestClient expect(Object expected) {
		Objects.requireNonNull(expected, "'expected' must not be null");
		Object actual = expectNext();
		if (!Messages.matches(expected, actual)) {
			throw new AssertionError(Messages.mismatch(expected, actual));
		}
		return this;
	}

	/**
	 * Sends a message and returns the next message received, normally its reply.
	 * @param message the message
	 * @return the message received
	 */
	public Object request(Object message) {
		return send(message).expectNext();
	}

	/**
	 * Expects no message, and no close, for the given time.
	 * @param duration how long to watch
	 * @return this client
	 * @throws AssertionError if a message arrives or the connection closes
	 */
	public SocketTestClient expectNoMessage(Duration duration) {
		requireCodec();
		long deadline = deadline(duration);
		while (true) {
			if (this.inbound.hasMessage()) {
				throw new AssertionError("Expected no message for " + duration + ", but received "
						+ Messages.describe(this.inbound.take()));
			}
			String end = this.inbound.end();
			if (end != null) {
				throw new AssertionError("Expected no message for " + duration + ", but the connection was "
						+ "closed (" + end + ")" + describeServerSide());
			}
			if (!this.inbound.read(deadline)) {
				return this;
			}
		}
	}

	/**
	 * Expects the server to close the connection, within the client's timeout: the client reads the end of the
	 * stream or a reset. Messages that arrive first fail it; take them first.
	 * @throws AssertionError if the connection stays open or a message arrives first
	 */
	public void expectClosed() {
		awaitEnd(deadline(this.timeout));
	}

	/**
	 * Expects the server to close the connection for the given reason, within the client's timeout. A client of
	 * a {@link SocketServer} checks the reason on its connection there, or, for a connection refused at accept
	 * ({@link CloseReason#isRejection()}), on the server's rejection counts; a client of a bare address can only
	 * check that the connection closed, as {@link #expectClosed()} does.
	 * @param reason the reason the server should give
	 * @throws AssertionError if the connection stays open, closes for another reason, or a message arrives first
	 */
	public void expectClosed(CloseReason reason) {
		Objects.requireNonNull(reason, "'reason' must not be null");
		long deadline = deadline(this.timeout);
		ServerSide serverSide = this.serverSide;
		if (serverSide == null) {
			awaitEnd(deadline);
			return;
		}
		serverSide.expectClosedWith(reason, deadline, () -> awaitEnd(deadline));
	}

	/**
	 * Returns this client's connection on the server it connected to.
	 * @return the server's side of this connection, open or closed
	 * @throws AssertionError if the server has no connection from this client
	 * @throws IllegalStateException if this client was connected to an address rather than a server
	 */
	public Connection serverConnection() {
		ServerSide serverSide = this.serverSide;
		if (serverSide == null) {
			throw new IllegalStateException("This client was connected to an address; connect it to a "
					+ "SocketServer to find its connection there");
		}
		Connection connection = serverSide.connection();
		if (connection == null) {
			throw new AssertionError("Socket server '" + serverSide.server().name() + "' has no connection from "
					+ "port " + this.socket.getLocalPort() + " (refused when accepted?)");
		}
		return connection;
	}

	/**
	 * Returns the socket, for its local address or TLS session.
	 * @return the socket
	 */
	public Socket socket() {
		return this.socket;
	}

	/**
	 * Returns how long this client waits unless told otherwise.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Closes the socket. Does nothing if already closed.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closing is best effort: the test is over with this client.
		}
		finally {
			this.inbound.release();
		}
	}

	private void awaitEnd(long deadline) {
		while (this.inbound.end() == null || this.inbound.hasMessage()) {
			if (this.inbound.hasMessage()) {
				throw new AssertionError("Expected the connection to be closed, but received "
						+ Messages.describe(this.inbound.take()));
			}
			if (!this.inbound.read(deadline)) {
				throw new AssertionError("Expected the connection to be closed within " + this.timeout
						+ ", but it is still open" + this.inbound.leftover() + describeServerSide());
			}
		}
	}

	private void write(byte[] bytes) throws IOException {
		if (this.closed) {
			throw new IllegalStateException("The test client is closed");
		}
		this.out.write(bytes);
		this.out.flush();
	}

	private MessageCodec<Object> requireCodec() {
		MessageCodec<Object> codec = this.codec;
		if (codec == null) {
			throw new IllegalStateException("This client has no codec: it can only send raw bytes and expect a close");
		}
		return codec;
	}

	private String describeServerSide() {
		ServerSide serverSide = this.serverSide;
		return (serverSide != null) ? serverSide.describe() : "";
	}

	private static long deadline(Duration timeout) {
		return System.nanoTime() + timeout.toNanos();
	}

	/**
	 * Builder of a {@link SocketTestClient}.
	 */
	public static final class Builder {

		private final @Nullable SocketServer server;

		private final @Nullable InetSocketAddress address;

		private @Nullable MessageCodec<?> codec;

		private @Nullable SSLContext sslContext;

		private boolean plaintext;

		private boolean verifyHostname;

		private Duration timeout = DEFAULT_TIMEOUT;

		private @Nullable InetAddress localAddress;

		private @Nullable Consumer<SocketTestClient> onConnect;

		private Builder(@Nullable SocketServer server, @Nullable InetSocketAddress address) {
			this.server = server;
			this.address = address;
		}

		/**
		 * Sets the codec of the client, for a server whose own codec is not a {@link MessageCodec} or whose
		 * requests and replies differ in format.
		 * @param codec the codec that encodes what the client sends and decodes what it receives
		 * @return this builder
		 */
		public Builder codec(MessageCodec<?> codec) {
			this.codec = Objects.requireNonNull(codec, "'codec' must not be null");
			return this;
		}

		/**
		 * Connects over TLS with the given context.
		 * @param sslContext the client's TLS context
		 * @return this builder
		 */
		public Builder ssl(SSLContext sslContext) {
			this.sslContext = Objects.requireNonNull(sslContext, "'sslContext' must not be null");
			this.plaintext = false;
			return this;
		}

		/**
		 * Connects over TLS, trusting any server certificate; the default for a server with TLS.
		 * @return this builder
		 */
		public Builder trustAll() {
			return ssl(TrustAllTls.context());
		}

		/**
		 * Checks, over TLS, that the server's certificate names the host connected to (its IP address for a
		 * server found by its bound address), as HTTPS clients do; without it, only the chain is checked.
		 * @return this builder
		 */
		public Builder verifyHostname() {
			this.verifyHostname = true;
			return this;
		}

		/**
		 * Connects over plain TCP even to a server with TLS, to test how it treats clients that do not speak TLS.
		 * @return this builder
		 */
		public Builder plaintext() {
			this.plaintext = true;
			this.sslContext = null;
			return this;
		}

		/**
		 * Sets how long the client waits for a message, a close or a connection.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			Objects.requireNonNull(timeout, "'timeout' must not be null");
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("'timeout' must be positive");
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Connects from the given local address, such as {@code 127.0.0.2} (any 127/8 address is local on Linux),
		 * to test rules about client addresses.
		 * @param localAddress the local address
		 * @return this builder
		 */
		public Builder localAddress(InetAddress localAddress) {
			this.localAddress = Objects.requireNonNull(localAddress, "'localAddress' must not be null");
			return this;
		}

		Builder onConnect(Consumer<SocketTestClient> onConnect) {
			this.onConnect = onConnect;
			return this;
		}

		/**
		 * Connects the client. With a server, it also waits until the server registered the connection (or
		 * refused it) and, over TLS, for the handshake: a failed handshake is then seen as a closed connection.
		 * @return the connected client
		 * @throws AssertionError if the client cannot connect
		 */
		public SocketTestClient connect() {
			SocketServer server = this.server;
			MessageCodec<?> codec = (this.codec != null) ? this.codec : (server != null) ? serverCodec(server) : null;
			SSLContext sslContext = this.sslContext;
			if (sslContext == null && !this.plaintext && server != null && server.config().ssl() != null) {
				sslContext = TrustAllTls.context();
			}
			InetSocketAddress address = (server != null) ? Connector.addressOf(server)
					: Objects.requireNonNull(this.address);
			SocketTestClient client = new Connector(address, codec, sslContext, this.verifyHostname, this.timeout,
					this.localAddress)
				.connect(server);
			if (this.onConnect != null) {
				this.onConnect.accept(client);
			}
			return client;
		}

		private static MessageCodec<?> serverCodec(SocketServer server) {
			Codec<?> codec = server.config().codec();
			if (codec instanceof MessageCodec<?> messageCodec) {
				return messageCodec;
			}
			throw new IllegalArgumentException("Socket server '" + server.name() + "' uses " + codec + ", which is "
					+ "not a MessageCodec; give the client one with SocketTestClient.builder(server).codec(..)");
		}

	}

}
