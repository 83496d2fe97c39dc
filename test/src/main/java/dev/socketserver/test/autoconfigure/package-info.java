/**
 * Auto-configuration and the {@code @SocketServerTest} slice for tests of socket servers.
 */
@NullMarked
package dev.socketserver.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
