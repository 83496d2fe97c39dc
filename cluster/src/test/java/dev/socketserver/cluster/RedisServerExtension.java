package dev.socketserver.cluster;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RedisServer} for a test class, started before its first test and stopped
 * after its last:
 * {@code @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();}.
 * A test that stopped the server finds it restarted, on the same port, by the next test.
 */
public final class RedisServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private @Nullable RedisServer server;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = RedisServer.start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		RedisServer server = server();
		if (!server.isRunning()) {
			server.restart();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		RedisServer server = this.server;
		this.server = null;
		if (server != null) {
			server.stop();
		}
	}

	/**
	 * Returns the server of the running test class.
	 * @return the server
	 * @throws IllegalStateException outside the test class
	 */
	public RedisServer server() {
		RedisServer server = this.server;
		if (server == null) {
			throw new IllegalStateException("No redis-server: register this extension as a static field");
		}
		return server;
	}

}
