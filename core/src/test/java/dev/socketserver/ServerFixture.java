package dev.socketserver;

import java.util.ArrayList;
import java.util.List;

import dev.socketserver.server.NettySocketServer;
import dev.socketserver.server.SocketServer;
import dev.socketserver.server.SocketServerConfig;
import dev.socketserver.transport.EventLoops;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Event loops shared by a test class and the servers its tests start, all stopped afterwards:
 * {@code @RegisterExtension static final ServerFixture servers = new ServerFixture();}.
 */
public final class ServerFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

	private final int workerThreads;

	private final List<SocketServer> started = new ArrayList<>();

	private EventLoops eventLoops;

	public ServerFixture() {
		this(2);
	}

	public ServerFixture(int workerThreads) {
		this.workerThreads = workerThreads;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.eventLoops = EventLoops.builder().workerThreads(this.workerThreads).build();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.started.forEach(SocketServer::stop);
		this.started.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.eventLoops.close();
	}

	public EventLoops eventLoops() {
		return this.eventLoops;
	}

	/**
	 * Starts a server on the shared loops; it is stopped after the test.
	 */
	public SocketServer start(SocketServerConfig.Builder config) {
		SocketServer server = new NettySocketServer(config.build(), this.eventLoops);
		server.start();
		this.started.add(server);
		return server;
	}

	/**
	 * Stops a server with the others after the test.
	 */
	public <S extends SocketServer> S stopAfterTest(S server) {
		this.started.add(server);
		return server;
	}

}
