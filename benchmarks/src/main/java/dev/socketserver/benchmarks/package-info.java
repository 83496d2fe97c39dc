/**
 * Benchmarks of the socket server against a raw Netty baseline: shared pieces of the tools.
 */
@NullMarked
package dev.socketserver.benchmarks;

import org.jspecify.annotations.NullMarked;
