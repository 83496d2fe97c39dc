package dev.socketserver.connection;

import org.jspecify.annotations.Nullable;

/**
 * Decides who a connection is before it is served. A server with an authenticator hands each new connection's
 * messages here, one at a time and in order, until an {@link AuthenticationStep} authenticates or rejects it;
 * until then no handler method runs, the connection has no identity and belongs to no group, and its deadline
 * ({@link Authentication#timeout()}) runs. Once authenticated, its principal's name becomes its identity and the
 * handler's {@code onOpen} runs.
 * <p>
 * {@link #authenticate} runs on the event loop for servers whose handler does, and on a handler thread
 * otherwise, so it may block exactly where the handler may; for a slow check on the event loop, return
 * {@link AuthenticationStep#later} and complete it elsewhere: reads stay paused until it completes. The message
 * is released after the call returns, as after {@code onMessage}: copy what a later decision needs.
 *
 * @param <T> the type of messages the server's codec decodes
 * @since 0.1.0
 */
@FunctionalInterface
public interface SocketAuthenticator<T> {

	/**
	 * Called once the connection is open and its TLS and PROXY headers, if any, are through: a chance to decide
	 * from what the connection already shows (a client certificate) or to send a greeting. On the event loop.
	 * @param connection the connection
	 * @return a step, or {@code null} to wait for the first message
	 */
	default @Nullable AuthenticationStep opened(Connection connection) {
		return null;
	}

	/**
	 * Takes a message of a connection that is not authenticated yet.
	 * @param connection the connection
	 * @param message the message
	 * @return what to do with the connection
	 * @throws Exception if the check failed; the connection is closed as not authenticated, and the failure is
	 * logged but not counted against the peer
	 */
	AuthenticationStep authenticate(Connection connection, T message) throws Exception;

}
