/**
 * JMH microbenchmarks of codecs, the connection registry and broadcast fan-out.
 */
@NullMarked
package dev.socketserver.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
