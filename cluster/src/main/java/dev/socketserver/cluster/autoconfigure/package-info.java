/**
 * Auto-configuration of a socket server cluster on Redis, registered by this module alone so that the starter
 * stays free of Redis.
 */
@NullMarked
package dev.socketserver.cluster.autoconfigure;

import org.jspecify.annotations.NullMarked;
