package dev.socketserver.proxy;

import java.net.InetAddress;
import java.util.Objects;

import dev.socketserver.access.CidrRanges;
import org.jspecify.annotations.Nullable;

/**
 * HAProxy PROXY protocol (v1 text and v2 binary) on a server: a connection from a trusted proxy starts with a
 * header naming the real client, whose address then becomes the connection's remote address. A connection from
 * any other address that sends such a header is closed, since it could claim to be anyone.
 *
 * @param mode whether trusted proxies must send the header
 * @param trustedProxies the addresses of the proxies whose headers are believed, not empty
 * @since 0.1.0
 */
public record ProxyProtocol(ProxyProtocolMode mode, CidrRanges trustedProxies) {

	/**
	 * Validates the settings.
	 */
	public ProxyProtocol {
		Objects.requireNonNull(mode, "'mode' must not be null");
		Objects.requireNonNull(trustedProxies, "'trustedProxies' must not be null");
		if (trustedProxies.isEmpty()) {
			throw new IllegalArgumentException("'trustedProxies' must not be empty: headers are believed only "
					+ "from trusted proxies");
		}
	}

	/**
	 * Returns whether a peer is a trusted proxy.
	 * @param address the socket's remote address, or {@code null} if it has none
	 * @return whether its headers are believed
	 */
	public boolean isTrusted(@Nullable InetAddress address) {
		return address != null && this.trustedProxies.contains(address);
	}

}
