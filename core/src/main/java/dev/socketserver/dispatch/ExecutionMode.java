package dev.socketserver.dispatch;

/**
 * Where a server runs its handler. In every mode the messages of one connection are handled one at a time and
 * in arrival order, and different connections are handled independently.
 *
 * @since 0.1.0
 */
public enum ExecutionMode {

	/**
	 * On the connection's event loop: fastest, for handlers that never block.
	 */
	EVENT_LOOP,

	/**
	 * On virtual threads (Java 21 or later): for handlers that block (JDBC, HTTP calls); a blocked handler holds
	 * only its own connection.
	 */
	VIRTUAL_THREADS,

	/**
	 * On a bounded pool of platform threads: for handlers that block, on any Java version.
	 */
	POOL;

	/**
	 * Returns whether virtual threads can be used in this JVM.
	 * @return whether the runtime has virtual threads
	 */
	public static boolean virtualThreadsAvailable() {
		return Runtime.version().feature() >= 21;
	}

}
