/**
 * Socket servers in a cluster that shares connections and messages through Redis.
 */
@NullMarked
package dev.socketserver.cluster;

import org.jspecify.annotations.NullMarked;
