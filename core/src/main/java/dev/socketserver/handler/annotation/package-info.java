/**
 * Annotations of the controller programming model: methods of an ordinary object that handle connection events
 * and messages by type, with arguments resolved by type.
 */
@NullMarked
package dev.socketserver.handler.annotation;

import org.jspecify.annotations.NullMarked;
