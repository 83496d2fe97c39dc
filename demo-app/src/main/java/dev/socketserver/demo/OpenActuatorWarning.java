package dev.socketserver.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Says loudly, once the demo is up, that its Actuator is open: whoever copies the demo's configuration should
 * read why it is not fit for production.
 */
@Component
class OpenActuatorWarning implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(OpenActuatorWarning.class);

	private final String address;

	OpenActuatorWarning(@Value("${server.address:0.0.0.0}") String address) {
		this.address = address;
	}

	@Override
	public void run(ApplicationArguments args) {
		logger.warn("DEMO ONLY: Actuator is open without authentication on {} (socketservers can close connections "
				+ "with DELETE and tap their payloads with POST .../tap). Protect it with Spring Security or set "
				+ "management.endpoint.socketservers.access=read-only before exposing it; see docs/authentication.md",
				this.address);
	}

}
