/**
 * Connections and their manager: registry, identities, groups, broadcast, limits and close reasons.
 */
@NullMarked
package dev.socketserver.connection;

import org.jspecify.annotations.NullMarked;
