/**
 * Netty load generator: echo, connect/close and idle-connection loads with verified replies.
 */
@NullMarked
package dev.socketserver.benchmarks.loadgen;

import org.jspecify.annotations.NullMarked;
