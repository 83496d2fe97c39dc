/**
 * The deadline wheel at scale: a million simulated connections, against Netty's {@code IdleStateHandler}.
 */
@NullMarked
package dev.socketserver.benchmarks.heartbeat;

import org.jspecify.annotations.NullMarked;
