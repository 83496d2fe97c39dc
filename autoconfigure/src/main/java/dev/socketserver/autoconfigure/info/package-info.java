/**
 * Socket server details for the Actuator info endpoint.
 */
@NullMarked
package dev.socketserver.autoconfigure.info;

import org.jspecify.annotations.NullMarked;
