/**
 * Health of socket servers for Spring Boot Actuator.
 */
@NullMarked
package dev.socketserver.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
