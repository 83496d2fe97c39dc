package dev.socketserver.demo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The demo application on free ports: every socket server of {@code application.yml} on port 0 and HTTP on a
 * random port, so tests never collide with a running demo. One annotation, so that every demo test shares one
 * cached context; a new server in {@code application.yml} gets its port override here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "socket.servers.echo.port=0",
		"socket.servers.line-echo.port=0", "socket.servers.chat.port=0", "socket.servers.resp.port=0",
		"socket.servers.devices.port=0", "socket.servers.echo-tls.port=0" })
public @interface DemoTest {

}
