/**
 * Benchmarks of the socket server against a raw Netty baseline.
 */
@NullMarked
package dev.socketserver.benchmarks;

import org.jspecify.annotations.NullMarked;
