/**
 * Socket clients: connections this application opens to a server, with the servers' codecs, TLS, heartbeats and
 * handler model, and a reconnect policy.
 */
@NullMarked
package dev.socketserver.client;

import org.jspecify.annotations.NullMarked;
