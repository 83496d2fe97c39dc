/**
 * Actuator endpoint to inspect socket servers and close connections.
 */
@NullMarked
package dev.socketserver.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
