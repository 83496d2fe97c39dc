/**
 * The {@code cluster} entry of the Actuator's info endpoint.
 */
@NullMarked
package dev.socketserver.cluster.autoconfigure.info;

import org.jspecify.annotations.NullMarked;
