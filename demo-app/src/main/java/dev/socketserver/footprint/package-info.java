/**
 * Two minimal applications that share the demo's jar, for the startup and footprint benchmark: a Boot application
 * with every socket server auto-configuration left out, and the same with one echo server. The difference between
 * them is what the starter itself costs. Outside the demo's package, so that the demo does not scan them.
 */
@NullMarked
package dev.socketserver.footprint;

import org.jspecify.annotations.NullMarked;
