/**
 * Wire taps: a bounded capture of one connection's frames, both ways, switched on for a while by an operator.
 */
@NullMarked
package dev.socketserver.wiretap;

import org.jspecify.annotations.NullMarked;
