/**
 * Socket servers of several nodes sharing identities, groups and messages through Redis: the cluster's
 * {@code MessageRouter}, its registry and presence, and the node's liveness.
 * <p>
 * Design: this module ({@code socket-server-cluster-redis}) holds the runtime here and its own
 * auto-configuration in {@code dev.socketserver.cluster.autoconfigure}, so that the starter stays free of Redis.
 * It builds on Spring Data Redis over Lettuce (configured by Boot's {@code spring.data.redis.*}); the only
 * protocol of its own is the envelope carried on Redis pub/sub channels. Liveness is one heartbeat key per node
 * with a time to live; the registry is derived state, written from the local connections and rewritten after
 * Redis lost it.
 */
@NullMarked
package dev.socketserver.cluster;

import org.jspecify.annotations.NullMarked;
