package dev.socketserver.test.autoconfigure;

import dev.socketserver.test.client.SocketTestClients;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Closes the test clients as the context starts closing, before the servers shut down gracefully: a graceful
 * shutdown waits for its peers to close, and a test's clients are done by then.
 */
class SocketTestClientsCloser implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

	private final SocketTestClients clients;

	@SuppressWarnings("NullAway.Init")
	private ApplicationContext context;

	SocketTestClientsCloser(SocketTestClients clients) {
		this.clients = clients;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// Events of a child context, such as a management context, reach the parent's listeners too.
		if (event.getApplicationContext() == this.context) {
			this.clients.closeAll();
		}
	}

}
