/**
 * Event loops and the choice of native or NIO transport.
 */
@NullMarked
package dev.socketserver.transport;

import org.jspecify.annotations.NullMarked;
