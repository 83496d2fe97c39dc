package dev.socketserver.connection;

import java.util.Locale;

/**
 * Why a connection was closed or refused. Every close carries exactly one; handlers, listeners, logs and metrics
 * all see the same value.
 *
 * @since 0.1.0
 */
public enum CloseReason {

	/**
	 * The peer closed the connection in an orderly way.
	 */
	PEER_CLOSED("peer closed"),

	/**
	 * The connection failed with an I/O error, such as a reset by the peer.
	 */
	IO_ERROR("i/o error"),

	/**
	 * Nothing was received for longer than the read-idle timeout.
	 */
	IDLE_TIMEOUT("idle timeout"),

	/**
	 * The peer did not answer the server's pings.
	 */
	HEARTBEAT_TIMEOUT("heartbeat timeout"),

	/**
	 * The peer sent nothing within the first-message deadline after connecting.
	 */
	FIRST_MESSAGE_TIMEOUT("first message timeout"),

	/**
	 * A frame that had started did not complete within the frame deadline.
	 */
	FRAME_TIMEOUT("frame timeout"),

	/**
	 * A frame exceeded the maximum frame length.
	 */
	FRAME_TOO_LARGE("frame too large"),

	/**
	 * The bytes received could not be decoded.
	 */
	DECODE_ERROR("decode error"),

	/**
	 * The application's handler threw and the error policy closes the connection.
	 */
	HANDLER_ERROR("handler error"),

	/**
	 * The peer did not read what the server sent fast enough.
	 */
	SLOW_CONSUMER("slow consumer"),

	/**
	 * Accepting the connection would exceed a connection limit.
	 */
	CONNECTION_LIMIT("connection limit"),

	/**
	 * The peer's address is not allowed: by the access rules, or for a while after repeated failed
	 * authentications.
	 */
	ACCESS_DENIED("access denied"),

	/**
	 * The peer exceeded a rate limit.
	 */
	RATE_LIMITED("rate limited"),

	/**
	 * The TLS handshake failed or timed out.
	 */
	TLS_HANDSHAKE_FAILED("tls handshake failed"),

	/**
	 * The PROXY protocol header was missing, malformed or sent by an untrusted peer.
	 */
	PROXY_PROTOCOL_ERROR("proxy protocol error"),

	/**
	 * The server shut down.
	 */
	SERVER_SHUTDOWN("server shutdown"),

	/**
	 * The application closed the connection.
	 */
	CLOSED_BY_APPLICATION("closed by application"),

	/**
	 * An administrator closed the connection, for example through the admin endpoint.
	 */
	CLOSED_BY_ADMIN("closed by admin"),

	/**
	 * The connection did not authenticate within the authentication deadline.
	 */
	AUTHENTICATION_TIMEOUT("authentication timeout"),

	/**
	 * The authenticator rejected the connection, or failed to decide.
	 */
	AUTHENTICATION_FAILED("authentication failed"),

	/**
	 * A newer connection authenticated as the same principal and takes its place.
	 */
	REPLACED("replaced"),

	/**
	 * Another connection is already authenticated as the same principal, and the server refuses a second one.
	 */
	IDENTITY_IN_USE("identity in use"),

	/**
	 * The connection sent a message its principal is not allowed to send, and the server closes for that.
	 */
	FORBIDDEN("forbidden");

	private final String description;

	private final String tag;

	CloseReason(String description) {
		this.description = description;
		this.tag = name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Returns a short human description, as written in logs.
	 * @return the description, such as {@code "idle timeout"}
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Returns the value used as a metric tag.
	 * @return the tag value, such as {@code "idle-timeout"}
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Returns whether this reason refuses a connection at accept time, before it is opened.
	 * @return whether this is a rejection reason
	 */
	public boolean isRejection() {
		return this == CONNECTION_LIMIT || this == ACCESS_DENIED || this == RATE_LIMITED;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
