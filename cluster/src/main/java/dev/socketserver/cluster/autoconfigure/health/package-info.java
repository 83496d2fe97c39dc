/**
 * Health of a cluster node.
 */
@NullMarked
package dev.socketserver.cluster.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
