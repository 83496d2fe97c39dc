/**
 * TLS for socket servers and clients: building Netty {@code SslContext}s from key and trust managers, the swappable
 * context of a server, a client's server name and hostname verification, and reading client certificates.
 */
@NullMarked
package dev.socketserver.ssl;

import org.jspecify.annotations.NullMarked;
