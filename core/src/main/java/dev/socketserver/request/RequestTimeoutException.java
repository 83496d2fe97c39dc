package dev.socketserver.request;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Reports that no reply to a request arrived in time.
 *
 * @since 0.1.0
 */
public class RequestTimeoutException extends TimeoutException {

	private static final long serialVersionUID = 1L;

	private final String connectionId;

	private final transient Duration timeout;

	/**
	 * Creates an exception.
	 * @param connectionId the id of the connection the request was sent on
	 * @param requestId the request's correlation id
	 * @param timeout how long it waited
	 */
	public RequestTimeoutException(String connectionId, Object requestId, Duration timeout) {
		super("No reply to request " + requestId + " on connection " + connectionId + " within " + timeout);
		this.connectionId = connectionId;
		this.timeout = timeout;
	}

	/**
	 * Returns the id of the connection the request was sent on.
	 * @return the connection id
	 */
	public String connectionId() {
		return this.connectionId;
	}

	/**
	 * Returns how long the request waited.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// Thrown by the deadline wheel, whose stack says nothing about the request.
		return this;
	}

}
