package dev.socketserver.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import dev.socketserver.proxy.ProxyProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection learns about its peer beyond the socket, and what its handler waits for before it opens:
 * the TLS handshake (so that it sees the client certificate) and the PROXY header of a trusted proxy (so that
 * it sees the client's address); and, once it authenticated, who it is. Created only on servers with TLS or the
 * PROXY protocol, and at authentication: a connection of a server without them carries none of it.
 */
final class PeerState implements ProxyProtocolHandler.Listener {

	private static final Logger logger = LoggerFactory.getLogger(PeerState.class);

	private static final int AWAIT_TLS = 1;

	private static final int AWAIT_PROXY = 2;

	private final ChannelConnection connection;

	/** Conditions not met yet; the event loop's alone. */
	private int awaiting;

	private @Nullable SslHandler sslHandler;

	private volatile @Nullable SSLSession sslSession;

	private volatile @Nullable X509Certificate peerCertificate;

	private volatile @Nullable SocketAddress proxiedRemote;

	private volatile @Nullable SocketPrincipal principal;

	PeerState(ChannelConnection connection) {
		this.connection = connection;
	}

	/**
	 * Makes the handler's onOpen wait for the TLS handshake; called by the initializer before the channel is
	 * active.
	 */
	void awaitHandshake(SslHandler handler) {
		this.sslHandler = handler;
		this.awaiting |= AWAIT_TLS;
	}

	/**
	 * Makes the handler's onOpen wait for the PROXY header of a trusted proxy; called by the initializer before
	 * the channel is active.
	 */
	void awaitProxyHeader() {
		this.awaiting |= AWAIT_PROXY;
	}

	boolean isReady() {
		return this.awaiting == 0;
	}

	@Nullable SslHandler sslHandler() {
		return this.sslHandler;
	}

	@Nullable SSLSession sslSession() {
		return this.sslSession;
	}

	@Nullable X509Certificate peerCertificate() {
		return this.peerCertificate;
	}

	@Nullable SocketPrincipal principal() {
		return this.principal;
	}

	void authenticated(SocketPrincipal principal) {
		this.principal = principal;
	}

	@Nullable SocketAddress proxiedRemote() {
		return this.proxiedRemote;
	}

	void handshakeSucceeded() {
		SslHandler handler = this.sslHandler;
		if (handler == null) {
			return;
		}
		SSLSession session = handler.engine().getSession();
		this.peerCertificate = firstCertificate(session);
		this.sslSession = session;
		ready(AWAIT_TLS);
	}

	void handshakeFailed(Throwable cause) {
		if (cause instanceof ClosedChannelException) {
			// The peer left before finishing, as TCP health checks do: nothing failed.
			this.connection.closeQuietly(CloseReason.PEER_CLOSED);
			return;
		}
		this.connection.closeForProtection(CloseReason.TLS_HANDSHAKE_FAILED, String.valueOf(cause.getMessage()));
		this.connection.channel().close();
	}

	/**
	 * Closes the connection after a peer's TLS error, such as plain text on the TLS port: expected from scanners
	 * and broken clients, not a failure of the server's, so no stack trace.
	 */
	void tlsFailed(Throwable problem) {
		if (this.sslSession == null) {
			handshakeFailed(problem);
			return;
		}
		logger.debug("TLS of connection {} of socket server '{}' failed: {}", this.connection.id(),
				this.connection.serverName(), problem.toString());
		this.connection.closeQuietly(CloseReason.IO_ERROR);
		this.connection.channel().close();
	}

	@Override
	public void proxyResolved(@Nullable InetSocketAddress client) {
		if (client != null) {
			this.proxiedRemote = client;
		}
		ready(AWAIT_PROXY);
	}

	@Override
	public void proxyProtocolFailed(String detail) {
		this.connection.closeForProtection(CloseReason.PROXY_PROTOCOL_ERROR, detail);
	}

	private void ready(int condition) {
		this.awaiting &= ~condition;
		if (this.awaiting == 0) {
			this.connection.peerReady();
		}
	}

	private static @Nullable X509Certificate firstCertificate(SSLSession session) {
		try {
			Certificate[] chain = session.getPeerCertificates();
			return (chain.length > 0 && chain[0] instanceof X509Certificate certificate) ? certificate : null;
		}
		catch (SSLPeerUnverifiedException ex) {
			// No client certificate, which client authentication 'none' or 'want' allows.
			return null;
		}
	}

}
