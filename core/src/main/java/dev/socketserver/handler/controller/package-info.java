/**
 * The controller programming model: {@link dev.socketserver.handler.controller.ControllerHandler} adapts annotated
 * objects to a server's handler, routing messages by type through tables built once at start-up.
 */
@NullMarked
package dev.socketserver.handler.controller;

import org.jspecify.annotations.NullMarked;
