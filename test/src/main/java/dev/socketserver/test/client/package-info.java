/**
 * Blocking, framing-aware clients for tests of socket servers.
 */
@NullMarked
package dev.socketserver.test.client;

import org.jspecify.annotations.NullMarked;
