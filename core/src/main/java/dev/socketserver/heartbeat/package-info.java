/**
 * Heartbeats: idle detection, server pings and what pings and pongs look like.
 */
@NullMarked
package dev.socketserver.heartbeat;

import org.jspecify.annotations.NullMarked;
