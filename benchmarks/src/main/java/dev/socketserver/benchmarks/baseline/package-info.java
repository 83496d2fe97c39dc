/**
 * Raw Netty echo server, the reference the product is measured against.
 */
@NullMarked
package dev.socketserver.benchmarks.baseline;

import org.jspecify.annotations.NullMarked;
