/**
 * Socket servers: configuration, binding and lifecycle.
 */
@NullMarked
package dev.socketserver.server;

import org.jspecify.annotations.NullMarked;
