/**
 * Micrometer meters of a cluster node.
 */
@NullMarked
package dev.socketserver.cluster.metrics;

import org.jspecify.annotations.NullMarked;
