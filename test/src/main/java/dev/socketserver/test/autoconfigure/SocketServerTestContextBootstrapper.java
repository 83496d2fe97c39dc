package dev.socketserver.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.test.context.TestContextBootstrapper;

/**
 * {@link TestContextBootstrapper} for {@link SocketServerTest @SocketServerTest}: adds its {@code properties}.
 */
class SocketServerTestContextBootstrapper extends TestSliceTestContextBootstrapper<SocketServerTest> {

}
