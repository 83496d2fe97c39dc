package dev.socketserver.cluster;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Takes a node's sends to Redis: on Lettuce's shared connection as commands that are pipelined without a thread
 * waiting for each (so a window of sends is in flight at once, as many as the outbound queue allows), else on
 * the node's send threads, one blocking round trip each. Stages complete on a send thread either way, never on
 * Lettuce's I/O thread, so that what callers chain to them cannot stall the node's Redis traffic.
 */
final class ClusterSender {

	private final ThreadPoolExecutor threads;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final int capacity;

	ClusterSender(int threads, int capacity, ThreadFactory threadFactory) {
		this.threads = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(capacity), threadFactory);
		this.capacity = capacity;
	}

	/**
	 * Runs blocking Redis work on a send thread.
	 * @throws RejectedExecutionException when the outbound queue is full or the node stopped
	 */
	<T> CompletableFuture<T> submit(Callable<T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		this.threads.execute(() -> {
			try {
				result.complete(work.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/**
	 * Issues a command without waiting for it, or, where commands cannot be pipelined, runs its blocking form on
	 * a send thread.
	 * @param pipelined issues the command, or is {@code null} when only the blocking form can be used
	 * @param blocking the same work as one blocking round trip
	 * @throws RejectedExecutionException when as many sends as the outbound queue holds are in flight
	 */
	<T> CompletableFuture<T> send(@Nullable Supplier<CompletableFuture<T>> pipelined,
			Callable<T> blocking) {
		if (pipelined == null) {
			return submit(blocking);
		}
		if (this.threads.isShutdown()) {
			throw new RejectedExecutionException("The cluster node stopped");
		}
		if (this.inFlight.incrementAndGet() > this.capacity) {
			this.inFlight.decrementAndGet();
			throw new RejectedExecutionException(this.capacity + " sends in flight");
		}
		CompletableFuture<T> issued;
		try {
			issued = pipelined.get();
		}
		catch (RuntimeException ex) {
			issued = CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		issued.whenComplete((value, ex) -> {
			this.inFlight.decrementAndGet();
			Runnable complete = () -> {
				if (ex != null) {
					result.completeExceptionally(unwrap(ex));
				}
				else {
					result.complete(value);
				}
			};
			try {
				this.threads.execute(complete);
			}
			catch (RejectedExecutionException rejected) {
				complete.run();
			}
		});
		return result;
	}

	private static Throwable unwrap(Throwable ex) {
		return ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null)
				? ex.getCause() : ex;
	}

	/**
	 * Returns the sends waiting for a send thread or for Redis.
	 */
	int depth() {
		return this.threads.getQueue().size() + this.inFlight.get();
	}

	ThreadPoolExecutor threads() {
		return this.threads;
	}

}
