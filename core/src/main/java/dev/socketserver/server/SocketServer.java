package dev.socketserver.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import dev.socketserver.connection.ConnectionManager;
import dev.socketserver.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * A named TCP server: binds a port, accepts connections and serves them with its codec and handler.
 *
 * @since 0.1.0
 */
public interface SocketServer {

	/**
	 * Returns the name of this server, unique in its application.
	 * @return the name
	 */
	String name();

	/**
	 * Binds the port and starts accepting connections. Does nothing if already running.
	 * @throws PortInUseException if the port is taken
	 * @throws SocketServerException if the server cannot start for another reason
	 */
	void start();

	/**
	 * Stops accepting, closes every connection with {@code SERVER_SHUTDOWN} and releases the port. Does nothing
	 * if not running.
	 */
	void stop();

	/**
	 * Shuts this server down gracefully: stops accepting, lets each connection finish what it received and
	 * flush its replies, says goodbye through the handler, and closes what remains once the grace period is
	 * over. Call {@link #stop()} afterwards to release everything.
	 * @param gracePeriod the longest wait for connections to finish
	 * @return completes when every connection is closed
	 */
	CompletionStage<Void> shutdownGracefully(Duration gracePeriod);

	/**
	 * Returns whether this server is bound and accepting or draining.
	 * @return whether it runs
	 */
	boolean isRunning();

	/**
	 * Returns the state of this server.
	 * @return the state
	 */
	ServerState state();

	/**
	 * Returns the bound port, which differs from the configured one when that was 0, or -1 if not bound.
	 * @return the port
	 */
	int port();

	/**
	 * Returns the bound address, or {@code null} if not bound.
	 * @return the address
	 */
	@Nullable InetSocketAddress boundAddress();

	/**
	 * Returns when this server last started, or {@code null} if it is not running.
	 * @return the start time
	 */
	@Nullable Instant startedAt();

	/**
	 * Returns the transport serving this server's sockets.
	 * @return the transport, never {@link Transport#AUTO}
	 */
	Transport transport();

	/**
	 * Returns the manager of this server's connections.
	 * @return the connection manager
	 */
	ConnectionManager connections();

	/**
	 * Returns the configuration of this server.
	 * @return the configuration
	 */
	SocketServerConfig config();

}
