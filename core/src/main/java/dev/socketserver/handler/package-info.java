/**
 * The application's side of a server: the handler that receives messages and connection events.
 */
@NullMarked
package dev.socketserver.handler;

import org.jspecify.annotations.NullMarked;
