/**
 * Runner of the side-by-side comparison of the demo application with the raw Netty baseline.
 */
@NullMarked
package dev.socketserver.benchmarks.runner;

import org.jspecify.annotations.NullMarked;
