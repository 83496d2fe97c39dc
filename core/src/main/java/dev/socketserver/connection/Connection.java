package dev.socketserver.connection;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import javax.net.ssl.SSLSession;

import dev.socketserver.transport.Transport;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One client connection of a server. Safe to use from any thread; keep it as long as needed (a closed connection
 * stays readable and refuses sends).
 *
 * @since 0.1.0
 */
public interface Connection {

	/**
	 * Returns the id of this connection: short, printable and unique across the servers of this process.
	 * @return the id
	 */
	String id();

	/**
	 * Returns the name of the server this connection belongs to.
	 * @return the server name
	 */
	String serverName();

	/**
	 * Returns the peer's address; behind a trusted proxy speaking the PROXY protocol, the real client's.
	 * @return the remote address
	 */
	SocketAddress remoteAddress();

	/**
	 * Returns the server's address of this connection.
	 * @return the local address
	 */
	SocketAddress localAddress();

	/**
	 * Returns the transport that carries this connection.
	 * @return the transport
	 */
	Transport transport();

	/**
	 * Returns the TLS session of this connection once its handshake has completed (as it has when the handler's
	 * {@code onOpen} runs), or {@code null} on a server without TLS.
	 * @return the session: protocol, cipher suite, peer certificates
	 */
	default @Nullable SSLSession sslSession() {
		return null;
	}

	/**
	 * Returns the client certificate verified in the TLS handshake, for binding an identity to it (see
	 * {@code CertificateNames} for its common name and subject alternative names).
	 * @return the client's own certificate, or {@code null} without TLS or when the client sent none (client
	 * authentication {@code none} or {@code want})
	 */
	default @Nullable X509Certificate peerCertificate() {
		return null;
	}

	/**
	 * Returns when this connection was accepted.
	 * @return the open time
	 */
	Instant openedAt();

	/**
	 * Returns when bytes were last received, or the open time if none were.
	 * @return the last read time, precise to the end of the read batch
	 */
	Instant lastReadAt();

	/**
	 * Returns when bytes were last flushed to the socket, or the open time if none were.
	 * @return the last write time
	 */
	Instant lastWriteAt();

	/**
	 * Returns the number of bytes received.
	 * @return the byte count
	 */
	long bytesReceived();

	/**
	 * Returns the number of bytes sent (handed to the socket, before TLS).
	 * @return the byte count
	 */
	long bytesSent();

	/**
	 * Returns the number of messages received.
	 * @return the message count
	 */
	long messagesReceived();

	/**
	 * Returns the number of messages sent.
	 * @return the message count
	 */
	long messagesSent();

	/**
	 * Encodes and sends a message, from any thread, and reports when it was written to the socket. Messages sent
	 * from one thread are written in the order sent. A reference-counted message is released once written.
	 * @param message the message, of the type the server's codec encodes
	 * @return completes when the message was written; fails if the connection is closed, the message cannot be
	 * encoded, or the slow-consumer policy dropped it
	 */
	CompletionStage<Void> send(Object message);

	/**
	 * Encodes and sends a message like {@link #send}, without reporting completion: the cheapest way to send.
	 * Failures to write are counted and logged, not reported.
	 * @param message the message, of the type the server's codec encodes
	 * @return {@code false} if the message was refused at once (connection closed, encoding failed, dropped as
	 * slow consumer)
	 */
	boolean offer(Object message);

	/**
	 * Sends a request and waits for the reply the server's {@code Correlation} matches with it, with the
	 * server's default timeout. See {@link #request(Object, Duration)}.
	 * @param message the request, of the type the server's codec encodes
	 * @return completes with the reply
	 */
	CompletionStage<Object> request(Object message);

	/**
	 * Sends a request and waits for its reply, from any thread. The reply completes the stage instead of reaching
	 * the handler; received messages that answer no pending request reach it as usual. The stage completes on
	 * the connection's event loop: use the {@code *Async} variants for blocking work.
	 * <p>
	 * It fails with a {@code RequestTimeoutException} when no reply arrives in time (noticed on the deadline wheel,
	 * at most one heartbeat tick late), with a {@link ConnectionClosedException} carrying the close reason when the
	 * connection closes first, and with a {@code RequestRefusedException} when the request is not sent: no
	 * correlation configured, too many requests in flight, its id still pending, or it could not be written.
	 * A reference-counted reply belongs to whoever completes the stage, who releases it.
	 * @param message the request, of the type the server's codec encodes
	 * @param timeout how long to wait for the reply
	 * @return completes with the reply
	 */
	CompletionStage<Object> request(Object message, Duration timeout);

	/**
	 * Sends a request like {@link #request(Object, Duration)} and expects a reply of a given type.
	 * @param <R> the reply type
	 * @param message the request
	 * @param replyType the type the reply must have; a reply of another type fails the stage with a
	 * {@link ClassCastException}
	 * @param timeout how long to wait for the reply
	 * @return completes with the reply
	 */
	default <R> CompletionStage<R> request(Object message, Class<R> replyType, Duration timeout) {
		return request(message, timeout).thenApply(replyType::cast);
	}

	/**
	 * Reports that handling a message failed after the handler returned, as when an asynchronous reply completes
	 * exceptionally: the server treats it like an exception thrown by the handler. It is counted and logged, given
	 * to the handler's {@code onError}, and the server's handler error policy applies; a close then comes after
	 * the replies sent before this call. Safe from any thread.
	 * @param error what failed
	 */
	void handlerFailed(Throwable error);

	/**
	 * Closes this connection. Messages sent before are flushed first unless the reason is a protective one (such
	 * as {@link CloseReason#SLOW_CONSUMER}), which closes at once. Only the first reason given counts.
	 * @param reason why the connection is closed
	 */
	void close(CloseReason reason);

	/**
	 * Returns why this connection closed, or {@code null} while it is open.
	 * @return the close reason
	 */
	@Nullable CloseReason closeReason();

	/**
	 * Returns a stage that completes with the close reason once this connection has closed.
	 * @return the close stage
	 */
	CompletionStage<CloseReason> closeFuture();

	/**
	 * Returns whether this connection is open.
	 * @return whether it is open
	 */
	boolean isOpen();

	/**
	 * Returns whether the socket accepts more outbound bytes without queueing beyond the write-buffer high water
	 * mark.
	 * @return whether the connection is writable
	 */
	boolean isWritable();

	/**
	 * Returns the bytes waiting to be written to the socket.
	 * @return the pending outbound bytes
	 */
	long pendingOutboundBytes();

	/**
	 * Returns the identity (user or device id) bound to this connection, or {@code null}.
	 * @return the identity
	 */
	@Nullable String identity();

	/**
	 * Binds this connection to an identity, replacing any previous one. One identity may have several
	 * connections; the binding ends when the connection closes. On a server that authenticates, the identity is
	 * the principal's name, bound by the server.
	 * @param identity the user or device id
	 * @throws IllegalStateException on a server that authenticates, for any other identity than the principal's
	 */
	void bindIdentity(String identity);

	/**
	 * Returns who the connection proved to be, on a server that authenticates.
	 * @return the principal, or {@code null} before authentication and on servers without it
	 */
	@Nullable SocketPrincipal principal();

	/**
	 * Reports that the connection asked for something its principal may not do: counted, logged (rate-limited),
	 * and the connection closed with {@link CloseReason#FORBIDDEN} if the server's {@link Authentication} says so.
	 * The caller sends any error reply.
	 * @param authority the authority that was missing
	 * @return whether the connection stays open
	 */
	boolean forbidden(String authority);

	/**
	 * Removes this connection's identity binding, if any.
	 */
	void unbindIdentity();

	/**
	 * Returns the groups this connection is a member of.
	 * @return the group names
	 */
	Set<String> groups();

	/**
	 * Adds this connection to a group; it leaves every group when it closes.
	 * @param group the group name
	 * @throws IllegalStateException on a server that authenticates, before the connection is authenticated
	 */
	void join(String group);

	/**
	 * Removes this connection from a group.
	 * @param group the group name
	 */
	void leave(String group);

	/**
	 * Returns the value of an attribute, or {@code null}.
	 * @param <T> the value type
	 * @param attribute the attribute key
	 * @return the value
	 */
	<T> @Nullable T attribute(ConnectionAttribute<T> attribute);

	/**
	 * Sets or, with {@code null}, removes the value of an attribute.
	 * @param <T> the value type
	 * @param attribute the attribute key
	 * @param value the value
	 */
	<T> void setAttribute(ConnectionAttribute<T> attribute, @Nullable T value);

	/**
	 * Attaches a listener that sees every frame of this connection in both directions, in place of any other,
	 * until removed: the hook of a wire tap. It takes effect on the connection's event loop, shortly after this
	 * call; a connection without a listener pays nothing for the possibility.
	 * @param listener the listener
	 * @return removes the listener, if it is still this connection's
	 */
	default Runnable tap(FrameListener listener) {
		throw new UnsupportedOperationException("Connection " + id() + " cannot be tapped");
	}

	/**
	 * Returns the Netty channel, for what this interface does not offer. Writing to it directly bypasses this
	 * connection's counters, encoding and outbound limits.
	 * @return the channel
	 */
	Channel channel();

}
