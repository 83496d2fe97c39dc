/**
 * Micrometer binders of socket servers and clients: connections, traffic, closes and refusals by reason, handler
 * time, event loops, buffers, reconnects and requests. Micrometer is optional: only applications that use this
 * package need it.
 */
@NullMarked
package dev.socketserver.metrics;

import org.jspecify.annotations.NullMarked;
