package dev.socketserver.test.sample;

import org.springframework.stereotype.Service;

/**
 * A service of the application that no socket server needs, which the socket server slice leaves out.
 */
@Service
class GreetingService {

	String greet(String name) {
		return "Hello, " + name;
	}

}
