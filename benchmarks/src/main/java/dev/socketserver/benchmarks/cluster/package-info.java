/**
 * The cluster scenario's tool: identity sends from one cluster node to connections on another over Redis, the same
 * sends local to one node, and a plain Lettuce publish/subscribe round trip on the same Redis.
 */
@NullMarked
package dev.socketserver.benchmarks.cluster;

import org.jspecify.annotations.NullMarked;
