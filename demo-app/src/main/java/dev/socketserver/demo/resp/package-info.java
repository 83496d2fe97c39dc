/**
 * Key-value server speaking the Redis protocol (RESP2), built on the socket server starter.
 */
@NullMarked
package dev.socketserver.demo.resp;

import org.jspecify.annotations.NullMarked;
