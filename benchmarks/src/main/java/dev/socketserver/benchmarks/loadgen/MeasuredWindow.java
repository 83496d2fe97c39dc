package dev.socketserver.benchmarks.loadgen;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.socketserver.benchmarks.ProcessStats;

/**
 * The measured part of a run: its length, and the CPU time the server and this process used in it.
 *
 * @since 0.1.0
 */
final class MeasuredWindow {

	private static final long SELF = ProcessHandle.current().pid();

	private final long serverPid;

	private final int clockTicks;

	private long startNanos;

	private long endNanos;

	private long serverCpuStart = -1;

	private long serverCpuEnd = -1;

	private long clientCpuStart;

	private long clientCpuEnd;

	MeasuredWindow(LoadGeneratorOptions options) {
		this.serverPid = options.serverPid();
		this.clockTicks = options.clockTicks();
	}

	void start() {
		this.serverCpuStart = serverCpu();
		this.clientCpuStart = ProcessStats.cpuNanos(SELF, this.clockTicks);
		this.startNanos = System.nanoTime();
	}

	void end() {
		this.endNanos = System.nanoTime();
		this.serverCpuEnd = serverCpu();
		this.clientCpuEnd = ProcessStats.cpuNanos(SELF, this.clockTicks);
	}

	double seconds() {
		return (this.endNanos - this.startNanos) / 1e9;
	}

	long serverCpuNanos() {
		return (this.serverCpuStart >= 0 && this.serverCpuEnd >= 0) ? this.serverCpuEnd - this.serverCpuStart : -1;
	}

	long clientCpuNanos() {
		return (this.clientCpuStart >= 0 && this.clientCpuEnd >= 0) ? this.clientCpuEnd - this.clientCpuStart : -1;
	}

	private long serverCpu() {
		return (this.serverPid > 0) ? ProcessStats.cpuNanos(this.serverPid, this.clockTicks) : -1;
	}

	/**
	 * Waits for a time, or less if the condition stops holding.
	 * @return whether the whole time passed with the condition holding
	 */
	static boolean waitWhile(Duration time, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + time.toNanos();
		while (condition.getAsBoolean()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			Thread.sleep(Math.max(1, Math.min(20, left / 1_000_000)));
		}
		return false;
	}

}
