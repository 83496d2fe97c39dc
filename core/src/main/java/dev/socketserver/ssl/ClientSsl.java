package dev.socketserver.ssl;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * The TLS side of a client: its client {@link SslContext} (see {@link SslContextFactory#forClient()}), the name
 * it expects the server to have, and whether it checks the server's certificate against that name. Both SNI and
 * hostname verification are on by default, with the host of the endpoint being connected to as the name.
 *
 * @param context the client context
 * @param serverName the name sent as SNI and verified in the server's certificate, or {@code null} for the host
 * of each endpoint
 * @param verifyHostname whether the server's certificate must match the name (HTTPS endpoint identification)
 * @param handshakeTimeout how long a handshake may take before the connection is closed
 * @since 0.1.0
 */
public record ClientSsl(SslContext context, @Nullable String serverName, boolean verifyHostname,
		Duration handshakeTimeout) {

	/**
	 * The endpoint a client's channel connects to, set on its {@code Bootstrap} for each attempt: the TLS stage
	 * is created before the connect and needs the name of the server it will talk to.
	 */
	public static final AttributeKey<InetSocketAddress> ENDPOINT = AttributeKey.valueOf(ClientSsl.class, "endpoint");

	/**
	 * Validates the settings.
	 */
	public ClientSsl {
		Objects.requireNonNull(context, "'context' must not be null");
		Objects.requireNonNull(handshakeTimeout, "'handshakeTimeout' must not be null");
		if (context.isServer()) {
			throw new IllegalArgumentException("'context' must be a client context");
		}
		if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
			throw new IllegalArgumentException("'handshakeTimeout' must be positive");
		}
		if (serverName != null && serverName.isBlank()) {
			throw new IllegalArgumentException("'serverName' must not be blank");
		}
	}

	/**
	 * Returns the TLS side of a client that verifies each endpoint's host name, with the default handshake
	 * timeout.
	 * @param context the client context
	 * @return the TLS side
	 */
	public static ClientSsl of(SslContext context) {
		return new ClientSsl(context, null, true, ServerSsl.DEFAULT_HANDSHAKE_TIMEOUT);
	}

	/**
	 * Returns a copy that expects another server name, whatever endpoint it connects to.
	 * @param serverName the name, or {@code null} for each endpoint's host
	 * @return the changed settings
	 */
	public ClientSsl withServerName(@Nullable String serverName) {
		return new ClientSsl(this.context, serverName, this.verifyHostname, this.handshakeTimeout);
	}

	/**
	 * Returns a copy that checks, or does not check, the server's certificate against the server name. Without
	 * the check, any certificate the trust managers accept will do, whoever it was issued to.
	 * @param verifyHostname whether to check
	 * @return the changed settings
	 */
	public ClientSsl withVerifyHostname(boolean verifyHostname) {
		return new ClientSsl(this.context, this.serverName, verifyHostname, this.handshakeTimeout);
	}

	/**
	 * Returns a copy with another handshake timeout.
	 * @param handshakeTimeout the timeout
	 * @return the changed settings
	 */
	public ClientSsl withHandshakeTimeout(Duration handshakeTimeout) {
		return new ClientSsl(this.context, this.serverName, this.verifyHostname, handshakeTimeout);
	}

	/**
	 * Creates the TLS stage of a connection to a server.
	 * @param allocator the channel's allocator
	 * @param host the host connected to, the server name unless one is set
	 * @param port the port connected to
	 * @return the handler, with SNI, endpoint identification and the handshake timeout applied
	 */
	public SslHandler newHandler(ByteBufAllocator allocator, String host, int port) {
		String name = (this.serverName != null) ? this.serverName : host;
		SslHandler handler = this.context.newHandler(allocator, name, port);
		SSLEngine engine = handler.engine();
		SSLParameters parameters = engine.getSSLParameters();
		// Set either way: a context built elsewhere may carry its own default.
		parameters.setEndpointIdentificationAlgorithm(this.verifyHostname ? "HTTPS" : null);
		engine.setSSLParameters(parameters);
		handler.setHandshakeTimeoutMillis(this.handshakeTimeout.toMillis());
		return handler;
	}

	@Override
	public String toString() {
		return "ClientSsl[" + ((this.serverName != null) ? this.serverName : "endpoint host")
				+ (this.verifyHostname ? ", hostname verified" : ", hostname not verified") + "]";
	}

}
