package dev.socketserver.test.autoconfigure;

import dev.socketserver.test.client.SocketTestClients;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * {@link TestExecutionListener} that closes the clients of the context's {@link SocketTestClients} after each
 * test method: contexts are cached across tests, and a client left open would count as a connection in the next
 * one.
 */
class SocketTestClientsTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		for (String name : context.getBeanNamesForType(SocketTestClients.class, false, false)) {
			context.getBean(name, SocketTestClients.class).closeAll();
		}
	}

}
