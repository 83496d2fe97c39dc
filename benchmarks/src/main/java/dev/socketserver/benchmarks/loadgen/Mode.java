package dev.socketserver.benchmarks.loadgen;

import java.util.Locale;

/**
 * What the load generator does with its connections.
 *
 * @since 0.1.0
 */
public enum Mode {

	/**
	 * Keep a number of frames in flight on every connection and check each echo.
	 */
	ECHO,

	/**
	 * Open a connection, exchange one frame, close it, and again, on a number of parallel slots.
	 */
	CONNECT,

	/**
	 * Open connections and hold them without traffic, to measure the server's memory per connection.
	 */
	IDLE;

	/**
	 * Parses a mode name.
	 * @param name {@code echo}, {@code connect} or {@code idle}
	 * @return the mode
	 */
	public static Mode parse(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown mode '" + name + "' (echo, connect, idle)");
		}
	}

}
