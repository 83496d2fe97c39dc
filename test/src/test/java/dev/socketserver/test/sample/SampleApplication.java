package dev.socketserver.test.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application of socket servers (see {@code application.properties}): {@code lines} served by the
 * {@link LineController}, {@code frames} by the {@link FrameEchoHandler}, and a {@link GreetingService} that
 * has nothing to do with sockets.
 */
@SpringBootApplication(proxyBeanMethods = false)
class SampleApplication {

}
