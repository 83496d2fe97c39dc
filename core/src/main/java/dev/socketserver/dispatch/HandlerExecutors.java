package dev.socketserver.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Creates the executors that run handlers off the event loop.
 *
 * @since 0.1.0
 */
public final class HandlerExecutors {

	private HandlerExecutors() {
	}

	/**
	 * Creates the executor that a server or client owns for its execution settings, and shuts down when it stops.
	 * @param execution the execution settings
	 * @param namePrefix the prefix of the threads' names
	 * @return the executor, or {@code null} when handlers run on the event loop or on the application's executor
	 */
	public static @Nullable ExecutorService owned(Execution execution, String namePrefix) {
		return switch (execution.mode()) {
			case EVENT_LOOP -> null;
			case VIRTUAL_THREADS -> virtualThreads(namePrefix);
			case POOL -> (execution.executor() != null) ? null : pool(namePrefix, execution.poolSize());
		};
	}

	/**
	 * Returns where handlers run for execution settings, given the executor owned for them.
	 * @param execution the execution settings
	 * @param owned the executor from {@link #owned}
	 * @return the executor, or {@code null} for the event loop
	 */
	public static @Nullable Executor handlerExecutor(Execution execution, @Nullable ExecutorService owned) {
		return (owned != null) ? owned : (execution.mode() == ExecutionMode.POOL) ? execution.executor() : null;
	}

	/**
	 * Creates an executor that starts a virtual thread per task.
	 * @param namePrefix the prefix of the threads' names
	 * @return the executor
	 * @throws IllegalStateException if this JVM has no virtual threads (before Java 21)
	 */
	public static ExecutorService virtualThreads(String namePrefix) {
		if (!ExecutionMode.virtualThreadsAvailable()) {
			throw new IllegalStateException("Execution mode VIRTUAL_THREADS needs Java 21 or later; this is Java "
					+ Runtime.version().feature() + ". Use POOL or EVENT_LOOP");
		}
		try {
			// Compiled for Java 17: reach the Java 21 builder API reflectively.
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 0L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
				.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not create virtual threads", ex);
		}
	}

	/**
	 * Creates a fixed pool of daemon platform threads.
	 * @param namePrefix the prefix of the threads' names
	 * @param threads the number of threads
	 * @return the executor
	 */
	public static ExecutorService pool(String namePrefix, int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("'threads' must be at least 1");
		}
		AtomicInteger counter = new AtomicInteger();
		return Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, namePrefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

}
