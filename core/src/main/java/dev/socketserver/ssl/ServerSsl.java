package dev.socketserver.ssl;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * The TLS side of one server: its current {@link SslContext}, which can be swapped while the server runs (for a
 * renewed certificate), and its handshake timeout. New connections use the context current when they are
 * accepted; open ones keep the one they started with.
 *
 * @since 0.1.0
 */
public final class ServerSsl {

	/**
	 * Handshake timeout by default, as Netty's.
	 */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	private final Duration handshakeTimeout;

	private final long handshakeTimeoutMillis;

	private final AtomicLong updates = new AtomicLong();

	private volatile Current current;

	/**
	 * Creates the TLS side of a server.
	 * @param context the initial server context
	 * @param handshakeTimeout how long a handshake may take before the connection is closed, positive
	 */
	public ServerSsl(SslContext context, Duration handshakeTimeout) {
		Objects.requireNonNull(handshakeTimeout, "'handshakeTimeout' must not be null");
		if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
			throw new IllegalArgumentException("'handshakeTimeout' must be positive");
		}
		this.handshakeTimeout = handshakeTimeout;
		this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
		this.current = describe(context);
	}

	/**
	 * Creates the TLS side of a server with the default handshake timeout.
	 * @param context the server context
	 * @return the TLS side
	 */
	public static ServerSsl of(SslContext context) {
		return new ServerSsl(context, DEFAULT_HANDSHAKE_TIMEOUT);
	}

	/**
	 * Replaces the context used for new connections, for example after the certificate was renewed. Connections
	 * already open are not affected.
	 * @param context the new server context
	 */
	public void update(SslContext context) {
		this.current = describe(context);
		this.updates.incrementAndGet();
	}

	/**
	 * Creates the TLS stage of a new connection, from the current context.
	 * @param allocator the channel's allocator
	 * @return the handler, with the handshake timeout applied
	 */
	public SslHandler newHandler(ByteBufAllocator allocator) {
		SslHandler handler = this.current.context().newHandler(allocator);
		handler.setHandshakeTimeoutMillis(this.handshakeTimeoutMillis);
		return handler;
	}

	/**
	 * Returns the context new connections use.
	 * @return the current context
	 */
	public SslContext context() {
		return this.current.context();
	}

	/**
	 * Returns the TLS implementation of the current context.
	 * @return {@code "openssl"} for the native engine, {@code "jdk"} otherwise
	 */
	public String engine() {
		return this.current.engine();
	}

	/**
	 * Returns the library behind the engine, such as {@code "BoringSSL"} or {@code "JDK 17.0.15"}.
	 * @return the library
	 */
	public String library() {
		return this.current.library();
	}

	/**
	 * Returns the protocols the current context enables.
	 * @return the protocols, such as {@code [TLSv1.3, TLSv1.2]}
	 */
	public List<String> protocols() {
		return this.current.protocols();
	}

	/**
	 * Returns whether clients are asked for a certificate.
	 * @return the client authentication mode of the current context
	 */
	public ClientAuth clientAuth() {
		return this.current.clientAuth();
	}

	/**
	 * Describes this TLS setup for health and info: engine, library, protocols and client authentication
	 * ({@code none}, {@code want} or {@code need}, as configured).
	 * @return the description, in a stable order
	 */
	public Map<String, Object> describe() {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("engine", engine());
		description.put("library", library());
		description.put("protocols", protocols());
		description.put("clientAuth", switch (clientAuth()) {
			case NONE -> "none";
			case OPTIONAL -> "want";
			case REQUIRE -> "need";
		});
		return description;
	}

	/**
	 * Returns the handshake timeout.
	 * @return the timeout
	 */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/**
	 * Returns how often the context was replaced since the server was configured.
	 * @return the number of updates
	 */
	public long updates() {
		return this.updates.get();
	}

	/**
	 * Returns when the current context was set.
	 * @return the time
	 */
	public Instant updatedAt() {
		return this.current.since();
	}

	@Override
	public String toString() {
		return "ServerSsl[" + engine() + ", " + protocols() + ", client auth " + clientAuth() + "]";
	}

	/**
	 * Reads what a context enables from an engine of its own, once per context rather than per connection.
	 */
	private static Current describe(SslContext context) {
		Objects.requireNonNull(context, "'context' must not be null");
		if (!context.isServer()) {
			throw new IllegalArgumentException("'context' must be a server context");
		}
		boolean openSsl = context instanceof ReferenceCountedOpenSslContext;
		SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
		try {
			ClientAuth clientAuth = engine.getNeedClientAuth() ? ClientAuth.REQUIRE
					: engine.getWantClientAuth() ? ClientAuth.OPTIONAL : ClientAuth.NONE;
			return new Current(context, openSsl ? "openssl" : "jdk",
					openSsl ? OpenSsl.versionString() : "JDK " + Runtime.version(),
					enabledProtocols(engine), clientAuth, Instant.now());
		}
		finally {
			ReferenceCountUtil.release(engine);
		}
	}

	/**
	 * Returns the protocols an engine enables, without the SSLv2Hello pseudo-protocol that the native engine
	 * always lists (it names a hello format it accepts, not a protocol it speaks).
	 */
	private static List<String> enabledProtocols(SSLEngine engine) {
		return Arrays.stream(engine.getEnabledProtocols())
			.filter((protocol) -> !"SSLv2Hello".equals(protocol))
			.toList();
	}

	private record Current(SslContext context, String engine, String library, List<String> protocols,
			ClientAuth clientAuth, Instant since) {
	}

}
