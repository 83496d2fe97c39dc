package dev.socketserver.transport;

/**
 * How new connections are spread over the worker event loops.
 *
 * @since 0.1.0
 */
public enum LoopAssignment {

	/**
	 * Each new connection goes to the next loop in turn. Cheapest; even when connections are alike.
	 */
	ROUND_ROBIN,

	/**
	 * Each new connection goes to the loop that currently serves the fewest connections, which keeps loops even
	 * when long-lived connections come and go unevenly.
	 */
	LEAST_CONNECTIONS

}
