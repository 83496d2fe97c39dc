/**
 * Demo application of the socket server starter.
 */
@NullMarked
package dev.socketserver.demo;

import org.jspecify.annotations.NullMarked;
