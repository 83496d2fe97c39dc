/**
 * Sending to identities and groups wherever their connections live.
 */
@NullMarked
package dev.socketserver.routing;

import org.jspecify.annotations.NullMarked;
