package dev.socketserver.heartbeat;

import org.jspecify.annotations.Nullable;

/**
 * The deadlines of one connection: the stamps they are computed from and the connection's place in its
 * {@link DeadlineWheel}. The I/O path only writes stamps; when the connection's slot comes due, {@link #check}
 * finds what expired, pings if it is time, and returns the next deadline. The policy comes from the wheel and
 * the wheel from the owner, so that each of a million connections does not hold them. Confined to the
 * connection's event loop.
 *
 * @since 0.1.0
 */
public final class Deadlines {

	/** A stamp not set: ticker time can be any long, even 0 or negative. */
	private static final long UNSET = Long.MIN_VALUE;

	private final Owner owner;

	// The wheel's intrusive list: the wheel allocates nothing per connection.

	long due;

	@Nullable Deadlines prev;

	@Nullable Deadlines next;

	private long frameStartNanos = UNSET;

	private long unwritableSinceNanos = UNSET;

	private long lastPingNanos;

	private long lastPongNanos;

	private int pingsOutstanding;

	/**
	 * Creates the deadlines of a connection opened at the given time.
	 * @param owner the connection
	 * @param openedNanos when the connection opened, in ticker time
	 */
	public Deadlines(Owner owner, long openedNanos) {
		this.owner = owner;
		this.lastPingNanos = openedNanos;
		this.lastPongNanos = openedNanos;
	}

	/**
	 * Puts the connection in its loop's wheel, once it is active.
	 * @param wheel the wheel of the connection's loop, or {@code null} when the server stopped
	 * @param now the time
	 */
	public void start(@Nullable DeadlineWheel wheel, long now) {
		if (wheel == null) {
			return;
		}
		long deadline = check(wheel.policy(), now);
		if (deadline != 0) {
			wheel.schedule(this, deadline);
		}
	}

	/**
	 * Takes the connection out of its wheel, once it is closed.
	 */
	public void stop() {
		DeadlineWheel wheel = this.owner.wheel();
		if (wheel != null) {
			wheel.remove(this);
		}
	}

	/**
	 * Notes that a frame began or not, at the end of a read batch: a frame completed in the batch means what is
	 * buffered is the start of a new one.
	 * @param now the time
	 * @param buffered whether part of a frame is buffered
	 * @param decoded whether a frame completed in the batch
	 */
	public void frameProgress(long now, boolean buffered, boolean decoded) {
		if (!buffered) {
			this.frameStartNanos = UNSET;
		}
		else if (this.frameStartNanos == UNSET || decoded) {
			this.frameStartNanos = now;
			DeadlineWheel wheel = this.owner.wheel();
			if (wheel != null) {
				schedule(wheel, now, wheel.policy().frameNanos());
			}
		}
	}

	private void schedule(DeadlineWheel wheel, long now, long timeout) {
		if (timeout > 0) {
			wheel.schedule(this, now + timeout);
		}
	}

	/**
	 * Forgets the frame being received, as after a pause of the server's own.
	 */
	public void frameReset() {
		this.frameStartNanos = UNSET;
	}

	/**
	 * Notes that the connection became unwritable, or writable again.
	 * @param now the time
	 * @param unwritable whether it is unwritable now
	 */
	public void writability(long now, boolean unwritable) {
		if (!unwritable) {
			this.unwritableSinceNanos = UNSET;
		}
		else if (this.unwritableSinceNanos == UNSET) {
			this.unwritableSinceNanos = now;
			DeadlineWheel wheel = this.owner.wheel();
			if (wheel != null) {
				schedule(wheel, now, wheel.policy().unwritableNanos());
			}
		}
	}

	/**
	 * Makes the wheel visit the connection by a request's deadline, if that is earlier than its next visit.
	 * @param deadlineNanos when the request times out, in ticker time
	 */
	public void requestDeadline(long deadlineNanos) {
		DeadlineWheel wheel = this.owner.wheel();
		if (wheel != null) {
			wheel.schedule(this, deadlineNanos);
		}
	}

	/**
	 * Notes a pong: outstanding pings are answered.
	 * @param now the time
	 */
	public void pongReceived(long now) {
		this.lastPongNanos = now;
		this.pingsOutstanding = 0;
	}

	/**
	 * Closes or pings the connection if one of its deadlines has passed; called by the wheel when its slot is due
	 * and when the connection opens.
	 * @param policy the server's deadlines
	 * @param now the time
	 * @return the next deadline in ticker nanoseconds, or 0 if there is none
	 */
	public long check(DeadlinePolicy policy, long now) {
		Owner owner = this.owner;
		if (!owner.isLive()) {
			return 0;
		}
		long next = Long.MAX_VALUE;
		if (policy.firstMessageNanos() > 0 && !owner.hasReceived()) {
			long deadline = owner.openedNanos() + policy.firstMessageNanos();
			if (now - deadline >= 0) {
				return expire(Expiry.FIRST_MESSAGE);
			}
			next = deadline;
		}
		if (policy.authenticationNanos() > 0 && owner.isAuthenticating()) {
			long deadline = owner.openedNanos() + policy.authenticationNanos();
			if (now - deadline >= 0) {
				return expire(Expiry.AUTHENTICATION);
			}
			next = Math.min(next, deadline);
		}
		// Bytes the server holds back are not the peer's delay, nor is a quiet socket while it does not read.
		boolean heldBack = owner.isHeldBack();
		if (policy.frameNanos() > 0 && this.frameStartNanos != UNSET && !heldBack) {
			long deadline = this.frameStartNanos + policy.frameNanos();
			if (now - deadline >= 0) {
				return expire(Expiry.FRAME);
			}
			next = Math.min(next, deadline);
		}
		// A peer draining what is written to it is alive, even while it has nothing to say.
		long progress = owner.outputProgressNanos(now);
		if (policy.readIdleNanos() > 0) {
			long deadline = (heldBack ? now : Math.max(owner.lastReadNanos(), progress)) + policy.readIdleNanos();
			if (now - deadline >= 0) {
				return expire(Expiry.IDLE);
			}
			next = Math.min(next, deadline);
		}
		if (policy.unwritableNanos() > 0 && this.unwritableSinceNanos != UNSET) {
			// A slow reader that keeps draining is not stuck: the time counts from its last progress.
			long deadline = Math.max(this.unwritableSinceNanos, progress) + policy.unwritableNanos();
			if (now - deadline >= 0) {
				return expire(Expiry.UNWRITABLE);
			}
			next = Math.min(next, deadline);
		}
		long requests = owner.expireRequests(now);
		if (requests != 0) {
			next = Math.min(next, requests);
		}
		if (policy.pingIntervalNanos() > 0) {
			long deadline = pingDeadline(policy, now);
			if (deadline == 0) {
				return 0;
			}
			next = Math.min(next, deadline);
		}
		return (next == Long.MAX_VALUE) ? 0 : next;
	}

	private long pingDeadline(DeadlinePolicy policy, long now) {
		long lastRead = this.owner.lastReadNanos();
		long alive = policy.pongRequired() ? this.lastPongNanos : Math.max(lastRead, this.lastPongNanos);
		if (!policy.pongRequired() && lastRead - this.lastPingNanos > 0) {
			this.pingsOutstanding = 0;
		}
		long quietSince = (this.pingsOutstanding == 0) ? alive : this.lastPingNanos;
		long deadline = quietSince + policy.pingIntervalNanos();
		if (now - deadline < 0) {
			return deadline;
		}
		if (this.pingsOutstanding >= policy.maxMissedPings()) {
			return expire(Expiry.HEARTBEAT);
		}
		if (this.owner.ping()) {
			this.pingsOutstanding++;
			this.lastPingNanos = now;
		}
		return now + policy.pingIntervalNanos();
	}

	private long expire(Expiry expiry) {
		this.owner.expired(expiry);
		return 0;
	}

	/**
	 * Which deadline passed.
	 */
	public enum Expiry {

		/** Nothing at all was received in time. */
		FIRST_MESSAGE,

		/** A started frame did not complete in time. */
		FRAME,

		/** Nothing was received, nor drained, for the read-idle timeout. */
		IDLE,

		/** The connection stayed unwritable without draining. */
		UNWRITABLE,

		/** Pings went unanswered. */
		HEARTBEAT,

		/** The connection did not authenticate in time. */
		AUTHENTICATION

	}

	/**
	 * What the deadlines need of their connection; called on its event loop.
	 */
	public interface Owner {

		/**
		 * Returns whether the connection is still served: open, not closing, not discarding its input.
		 * @return whether deadlines still apply
		 */
		boolean isLive();

		/**
		 * Returns when the connection opened.
		 * @return the ticker time
		 */
		long openedNanos();

		/**
		 * Returns when a read batch last ended.
		 * @return the ticker time
		 */
		long lastReadNanos();

		/**
		 * Returns whether anything was received yet.
		 * @return whether bytes or messages arrived
		 */
		boolean hasReceived();

		/**
		 * Returns the wheel of the connection's event loop, where its deadlines are scheduled.
		 * @return the wheel, or {@code null} when the server has no deadlines
		 */
		@Nullable DeadlineWheel wheel();

		/**
		 * Returns whether the connection has yet to authenticate, on a server that authenticates.
		 * @return whether it is not authenticated yet
		 */
		boolean isAuthenticating();

		/**
		 * Returns whether the server holds the connection's input back (replies backed up, mailbox full, message
		 * rate used up), so that its silence is not the peer's.
		 * @return whether reading is paused by the server
		 */
		boolean isHeldBack();

		/**
		 * Returns when the peer was last seen draining what was written to it.
		 * @param now the time of this look
		 * @return the ticker time
		 */
		long outputProgressNanos(long now);

		/**
		 * Fails the requests whose replies are overdue.
		 * @param now the time
		 * @return the deadline of the next request to time out, or 0 if none waits
		 */
		long expireRequests(long now);

		/**
		 * Sends a ping, if the server has ping messages.
		 * @return whether a ping was sent
		 */
		boolean ping();

		/**
		 * Closes the connection because a deadline passed.
		 * @param expiry which one
		 */
		void expired(Expiry expiry);

	}

}
