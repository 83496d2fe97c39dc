package dev.socketserver.connection;

import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * What a connection learns about its peer beyond the socket, created only on servers with TLS or the PROXY
 * protocol: the TLS session and client certificate, the client named by a trusted proxy, and which of them the
 * handler still waits for before it opens.
 */
final class PeerInfo {

	static final int AWAIT_TLS = 1;

	static final int AWAIT_PROXY = 2;

	/** Conditions not met yet; the event loop's alone. */
	int awaiting;

	@Nullable SslHandler sslHandler;

	volatile @Nullable SSLSession sslSession;

	volatile @Nullable X509Certificate peerCertificate;

	volatile @Nullable SocketAddress proxiedRemote;

	/**
	 * Records a finished handshake.
	 */
	void handshook(SSLSession session) {
		this.peerCertificate = firstCertificate(session);
		this.sslSession = session;
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
