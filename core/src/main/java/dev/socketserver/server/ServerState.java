package dev.socketserver.server;

/**
 * Where a server is in its life.
 *
 * @since 0.1.0
 */
public enum ServerState {

	/**
	 * Created, not started.
	 */
	NEW,

	/**
	 * Bound and accepting connections.
	 */
	RUNNING,

	/**
	 * No longer accepting; finishing the work of open connections before closing them.
	 */
	DRAINING,

	/**
	 * Stopped: unbound, every connection closed.
	 */
	STOPPED,

	/**
	 * Failed to start, or its event loops died.
	 */
	FAILED

}
