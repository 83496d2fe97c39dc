/**
 * Micrometer metrics of socket servers and their event loops.
 */
@NullMarked
package dev.socketserver.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
