/**
 * Auto-configuration of the cluster meters.
 */
@NullMarked
package dev.socketserver.cluster.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
