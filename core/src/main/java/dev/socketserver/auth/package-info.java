/**
 * Built-in authenticators: the TLS client certificate as the connection's principal.
 */
@NullMarked
package dev.socketserver.auth;

import org.jspecify.annotations.NullMarked;
