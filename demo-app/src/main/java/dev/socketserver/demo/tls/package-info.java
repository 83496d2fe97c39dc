/**
 * The development certificate of the demo's TLS echo server, made on first start.
 */
@NullMarked
package dev.socketserver.demo.tls;

import org.jspecify.annotations.NullMarked;
