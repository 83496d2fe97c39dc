package dev.socketserver.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.socketserver.access.AuthenticationFailures;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication phase of one connection, from its open to its first decisive step: hands its messages to
 * the authenticator one at a time and holds its input back while a decision is pending, so that nothing after
 * the authenticating message is decoded before the decision, and nothing reaches the handler before it is
 * authenticated. Dropped once authenticated: an authenticated connection pays one null check per message.
 * Confined to the event loop, except the authenticator call on a handler thread.
 */
final class AuthenticationGate {

	private static final Logger logger = LoggerFactory.getLogger(AuthenticationGate.class);

	/**
	 * Messages a codec made of Netty handlers may deliver after reads paused, within one read: beyond this many
	 * before the decision, the peer is not authenticating but flooding.
	 */
	private static final int MAX_HELD_MESSAGES = 1024;

	private final ChannelConnection connection;

	private final SocketAuthenticator<Object> authenticator;

	private final @Nullable Executor executor;

	private boolean opened;

	private boolean pending;

	private @Nullable ArrayDeque<Object> held;

	@SuppressWarnings("unchecked")
	AuthenticationGate(ChannelConnection connection, Authentication authentication, @Nullable Executor executor) {
		this.connection = connection;
		this.authenticator = (SocketAuthenticator<Object>) authentication.authenticator();
		this.executor = executor;
	}

	/**
	 * Starts the phase once the peer is ready (TLS and PROXY through): a banned client address is refused now,
	 * when behind a proxy it is first known, and the authenticator may decide from what the connection shows.
	 */
	void open() {
		if (this.opened) {
			return;
		}
		this.opened = true;
		ChannelConnection connection = this.connection;
		AuthenticationFailures failures = connection.runtime.authenticationFailures;
		InetAddress address = addressOf(connection);
		if (failures != null && address != null && failures.isBanned(address, System.nanoTime())) {
			connection.closeForProtection(CloseReason.ACCESS_DENIED, "banned after failed authentications");
			return;
		}
		AuthenticationStep step;
		try {
			step = this.authenticator.opened(connection);
		}
		catch (Throwable ex) {
			failed(ex);
			return;
		}
		if (step != null) {
			decide(step);
		}
	}

	/**
	 * Takes a message of the connection while it is not authenticated.
	 * @return whether the gate kept it; {@code false} once authenticated, for the connection to dispatch it
	 */
	boolean holds(Object message) {
		if (!this.opened) {
			open();
		}
		ChannelConnection connection = this.connection;
		if (connection.authGate != this) {
			return false;
		}
		if (connection.isClosing()) {
			ReferenceCountUtil.release(message);
			return true;
		}
		if (this.pending) {
			hold(message);
			return true;
		}
		Executor executor = this.executor;
		if (executor == null) {
			AuthenticationStep step = call(message);
			if (step != null) {
				decide(step);
			}
			return true;
		}
		pause();
		try {
			executor.execute(() -> {
				AuthenticationStep step = call(message);
				if (step != null) {
					onLoop(() -> decide(step));
				}
			});
		}
		catch (RejectedExecutionException ex) {
			ReferenceCountUtil.release(message);
			failed(ex);
		}
		return true;
	}

	/**
	 * Calls the authenticator and releases the message; a failure closes the connection.
	 * @return the step, or {@code null} after a failure
	 */
	private @Nullable AuthenticationStep call(Object message) {
		try {
			return this.authenticator.authenticate(this.connection, message);
		}
		catch (Throwable ex) {
			onLoop(() -> failed(ex));
			return null;
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	/**
	 * Applies a step; on the event loop.
	 */
	private void decide(AuthenticationStep step) {
		ChannelConnection connection = this.connection;
		if (connection.isClosing() || !connection.channel.isActive()) {
			releaseHeld();
			return;
		}
		if (step instanceof AuthenticationStep.Later later) {
			pause();
			later.decision().whenComplete((next, ex) -> onLoop(() -> {
				if (ex != null) {
					failed(ex);
				}
				else if (next == null) {
					failed(new NullPointerException("the authenticator's stage completed with null"));
				}
				else {
					decide(next);
				}
			}));
			return;
		}
		if (step instanceof AuthenticationStep.Authenticated authenticated) {
			if (!connection.takeOver(authenticated.principal())) {
				releaseHeld();
				return;
			}
			send(authenticated.reply());
			connection.authenticated(authenticated.principal());
		}
		else if (step instanceof AuthenticationStep.Rejected rejected) {
			send(rejected.reply());
			reject(rejected.reason());
			return;
		}
		else if (step instanceof AuthenticationStep.Challenge challenge) {
			send(challenge.reply());
		}
		resume();
	}

	private void send(@Nullable Object reply) {
		if (reply != null) {
			this.connection.outbound.write(reply, null);
			if (!this.connection.inReadBatch) {
				this.connection.outbound.flushIfPending();
			}
		}
	}

	/**
	 * Closes after the reply to a rejection, and counts the failure against the peer's address.
	 */
	private void reject(String reason) {
		ChannelConnection connection = this.connection;
		releaseHeld();
		connection.discarding = true;
		AuthenticationFailures failures = connection.runtime.authenticationFailures;
		InetAddress address = addressOf(connection);
		boolean banned = failures != null && address != null && failures.recordFailure(address, System.nanoTime());
		if (connection.setCloseReason(CloseReason.AUTHENTICATION_FAILED)) {
			connection.runtime.protectionLog.closed(connection, CloseReason.AUTHENTICATION_FAILED,
					banned ? reason + "; address refused from now on for too many failures" : reason);
			connection.outbound.flushIfPending();
			GracefulClose.closeAfterPendingWrites(connection);
		}
	}

	/**
	 * The authenticator failed, not the peer: closed without counting against its address.
	 */
	private void failed(Throwable ex) {
		releaseHeld();
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		logger.warn("Authenticator of socket server '{}' failed on connection {}", this.connection.runtime.serverName,
				this.connection.id, cause);
		this.connection.closeNow(CloseReason.AUTHENTICATION_FAILED);
	}

	private void pause() {
		this.pending = true;
		this.connection.pauseReading(InboundStage.PAUSED_AUTHENTICATING);
	}

	/**
	 * Lets input through again: to the authenticator for a challenge, to the handler once authenticated; what
	 * was held comes first, in order.
	 */
	private void resume() {
		this.pending = false;
		ArrayDeque<Object> held = this.held;
		if (held != null) {
			this.held = null;
			Object message;
			while ((message = held.poll()) != null) {
				this.connection.receive(message);
			}
		}
		// A held message may have started another decision, which holds the input back again.
		if (!this.pending) {
			this.connection.resumeReading(InboundStage.PAUSED_AUTHENTICATING);
		}
	}

	private void hold(Object message) {
		ArrayDeque<Object> held = this.held;
		if (held == null) {
			held = new ArrayDeque<>();
			this.held = held;
		}
		if (held.size() >= MAX_HELD_MESSAGES) {
			ReferenceCountUtil.release(message);
			releaseHeld();
			this.connection.closeForProtection(CloseReason.AUTHENTICATION_FAILED,
					"more than " + MAX_HELD_MESSAGES + " messages while authentication was pending");
			return;
		}
		held.add(message);
	}

	private void releaseHeld() {
		ArrayDeque<Object> held = this.held;
		if (held != null) {
			this.held = null;
			held.forEach(ReferenceCountUtil::release);
		}
	}

	private void onLoop(Runnable task) {
		if (this.connection.channel.eventLoop().inEventLoop()) {
			task.run();
			return;
		}
		try {
			this.connection.channel.eventLoop().execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.connection.channel.close();
		}
	}

	private static @Nullable InetAddress addressOf(Connection connection) {
		return (connection.remoteAddress() instanceof InetSocketAddress address) ? address.getAddress() : null;
	}

}
