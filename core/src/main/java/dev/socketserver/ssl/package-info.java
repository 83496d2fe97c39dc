/**
 * TLS for socket servers: building Netty {@code SslContext}s from key and trust managers, the swappable context of
 * a server, and reading client certificates.
 */
@NullMarked
package dev.socketserver.ssl;

import org.jspecify.annotations.NullMarked;
