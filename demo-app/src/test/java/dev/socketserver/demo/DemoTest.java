package dev.socketserver.demo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.socketserver.test.autoconfigure.AutoConfigureSocketServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The demo application on free ports: every socket server of {@code application.yml} on a free port
 * ({@link AutoConfigureSocketServer @AutoConfigureSocketServer}, which also provides the tests'
 * {@code SocketTestClients}) and HTTP on a random port, so tests never collide with a running demo. One
 * annotation, so that every demo test shares one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSocketServer
public @interface DemoTest {

}
