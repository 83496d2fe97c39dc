/**
 * Where handlers run: on the event loop, on virtual threads or on a bounded pool.
 */
@NullMarked
package dev.socketserver.dispatch;

import org.jspecify.annotations.NullMarked;
