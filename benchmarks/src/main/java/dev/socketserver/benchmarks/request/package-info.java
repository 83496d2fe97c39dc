/**
 * Request/response round trips: {@code Connection.request} through a {@code SocketClient} against a hand-written
 * Netty client doing the same correlation, both asking the same echo server.
 */
@NullMarked
package dev.socketserver.benchmarks.request;

import org.jspecify.annotations.NullMarked;
