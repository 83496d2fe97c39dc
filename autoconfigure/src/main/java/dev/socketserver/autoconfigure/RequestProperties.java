package dev.socketserver.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

/**
 * Request/response settings of a server ({@code socket.servers.<name>.requests}, or {@code socket.defaults.requests}
 * for every server) or of a client ({@code socket.clients.<name>.requests}): how replies to
 * {@code Connection.request} are matched with their requests. Without a correlation, requests are refused.
 *
 * @since 0.1.0
 */
public class RequestProperties {

	/**
	 * How replies are matched with requests: 'none' (requests refused), 'in-order' (every reply answers the oldest
	 * request), 'json-field' (an id in a top-level JSON field), 'binary-field' (an id both directions carry at an
	 * offset), 'binary-sequence' (a sequence number the sender writes into each request, repeated in the reply),
	 * or the name of a Correlation bean.
	 */
	private String correlation = "none";

	/**
	 * Field of a JSON message that holds the id, for the 'json-field' correlation.
	 */
	private String field = "id";

	/**
	 * Offset of the id in a request's payload, for the binary correlations.
	 */
	private int requestOffset;

	/**
	 * Offset of the id in a reply's payload, for the binary correlations.
	 */
	private int replyOffset;

	/**
	 * Length of the id in bytes (1, 2, 4 or 8), for the binary correlations; a sequence number wraps around at
	 * this size.
	 */
	private int length = 2;

	/**
	 * Requests one connection may have waiting for their replies; more are refused.
	 */
	private int maxInFlight = 1024;

	/**
	 * How long a request waits for its reply when the caller gives no timeout. Noticed at most one heartbeat tick
	 * late. If a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(10);

	public String getCorrelation() {
		return this.correlation;
	}

	public void setCorrelation(String correlation) {
		this.correlation = correlation;
	}

	public String getField() {
		return this.field;
	}

	public void setField(String field) {
		this.field = field;
	}

	public int getRequestOffset() {
		return this.requestOffset;
	}

	public void setRequestOffset(int requestOffset) {
		this.requestOffset = requestOffset;
	}

	public int getReplyOffset() {
		return this.replyOffset;
	}

	public void setReplyOffset(int replyOffset) {
		this.replyOffset = replyOffset;
	}

	public int getLength() {
		return this.length;
	}

	public void setLength(int length) {
		this.length = length;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = (timeout != null) ? timeout : Duration.ofSeconds(10);
	}

}
