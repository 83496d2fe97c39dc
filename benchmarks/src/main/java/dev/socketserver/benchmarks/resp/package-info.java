/**
 * Checks of the RESP scenario's servers beyond what redis-benchmark looks at: every reply, byte for byte.
 */
@NullMarked
package dev.socketserver.benchmarks.resp;

import org.jspecify.annotations.NullMarked;
