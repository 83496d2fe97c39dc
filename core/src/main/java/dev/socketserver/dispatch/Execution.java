package dev.socketserver.dispatch;

import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * Where a server runs its handler, and how many messages of one connection may wait for it.
 *
 * @param mode where handlers run
 * @param poolSize the number of threads of the server's pool in {@link ExecutionMode#POOL}
 * @param mailboxCapacity how many messages of one connection may wait for the handler (off the event loop)
 * before the connection stops being read
 * @param executor an executor of the application's for {@link ExecutionMode#POOL}, which the server does not
 * shut down, or {@code null} for a pool of the server's own
 * @since 0.1.0
 */
public record Execution(ExecutionMode mode, int poolSize, int mailboxCapacity, @Nullable Executor executor) {

	/**
	 * Execution by default: on the event loop; a pool of 200 threads and mailboxes of 1024 messages when
	 * handlers run off it.
	 */
	public static final Execution DEFAULTS = new Execution(ExecutionMode.EVENT_LOOP, 200, 1024, null);

	/**
	 * Validates the settings.
	 */
	public Execution {
		Objects.requireNonNull(mode, "'mode' must not be null");
		if (poolSize < 1) {
			throw new IllegalArgumentException("'poolSize' must be at least 1");
		}
		if (mailboxCapacity < 2) {
			throw new IllegalArgumentException("'mailboxCapacity' must be at least 2");
		}
	}

	/**
	 * Returns these settings with another mode.
	 * @param mode where handlers run
	 * @return the changed settings
	 */
	public Execution withMode(ExecutionMode mode) {
		return new Execution(mode, this.poolSize, this.mailboxCapacity, this.executor);
	}

	/**
	 * Returns these settings with another pool size.
	 * @param poolSize the number of threads
	 * @return the changed settings
	 */
	public Execution withPoolSize(int poolSize) {
		return new Execution(this.mode, poolSize, this.mailboxCapacity, this.executor);
	}

	/**
	 * Returns these settings with another mailbox capacity.
	 * @param mailboxCapacity the capacity
	 * @return the changed settings
	 */
	public Execution withMailboxCapacity(int mailboxCapacity) {
		return new Execution(this.mode, this.poolSize, mailboxCapacity, this.executor);
	}

	/**
	 * Returns these settings with an executor of the application's for {@link ExecutionMode#POOL}.
	 * @param executor the executor, or {@code null} for a pool of the server's own
	 * @return the changed settings
	 */
	public Execution withExecutor(@Nullable Executor executor) {
		return new Execution(this.mode, this.poolSize, this.mailboxCapacity, executor);
	}

}
