package dev.socketserver.proxy;

/**
 * Whether connections from trusted proxies must start with a PROXY protocol header.
 *
 * @since 0.1.0
 */
public enum ProxyProtocolMode {

	/**
	 * Trusted proxies may send a header; a connection of theirs without one keeps its socket address.
	 */
	OPTIONAL,

	/**
	 * Trusted proxies must send a header; a connection of theirs without one is closed.
	 */
	REQUIRED

}
