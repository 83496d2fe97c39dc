package dev.socketserver.benchmarks.cluster;

import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.benchmarks.Options;
import dev.socketserver.benchmarks.ProcessStats;
import dev.socketserver.benchmarks.ResultLine;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Closed-loop identity sends with a window of messages in flight: a send takes a permit, and gives it back once
 * both its stage has completed and its identity has received it, so that neither the delivery nor the send's own
 * work (in the cluster the routing script, even when every recipient is local) can pile up behind the window.
 * Latency is send to receipt, on this process's clock, since the sender and the receivers run here. Three
 * variants ({@code --variant}):
 * <ul>
 * <li>{@code cluster}: node {@code a} sends to identities connected to node {@code b}, over Redis;</li>
 * <li>{@code local}: node {@code b} sends to its own identities (the cluster still on: the send runs the routing
 * script, which finds no other node);</li>
 * <li>{@code raw}: plain Lettuce publishes on a channel per identity and a Lettuce subscriber receives.</li>
 * </ul>
 * Over the measured window: messages per second, latency p50/p99/p99.9, this process's CPU and Redis's CPU
 * ({@code --redis-pid}) per message, printed as a {@link ResultLine}. Every message is checked: the identity that
 * got it must be the one it was sent to, and each must arrive exactly once.
 *
 * @since 0.1.0
 */
public final class ClusterLoad {

	private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

	private static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);

	private final int payload;

	private final int identities;

	private final Semaphore window;

	private final int windowSize;

	private final BitSet seen = new BitSet();

	private final BitSet completed = new BitSet();

	private final Histogram latency = new Histogram(HIGHEST_LATENCY_NANOS, 3);

	// Guarded by this: written by the receivers' threads and read by the sender at the window's edges.
	private boolean measuring;

	private long measured;

	private long received;

	private long failed;

	private long errors;

	private String firstError = "";

	private ClusterLoad(int payload, int identities, int windowSize) {
		this.payload = payload;
		this.identities = identities;
		this.windowSize = windowSize;
		this.window = new Semaphore(windowSize);
	}

	public static void main(String[] args) throws Exception {
		Map<String, Object> result = run(args);
		System.out.println(ResultLine.format(result));
		// Lettuce and Spring leave non-daemon threads behind at times; the result is out.
		System.exit(0);
	}

	/**
	 * Runs a load as the command line describes it.
	 * @param args the command line
	 * @return the figures, as the result line shows them
	 * @throws Exception if the path cannot be set up
	 */
	public static Map<String, Object> run(String... args) throws Exception {
		Options options = Options.parse("cluster-load", args);
		String variant = options.string("variant", "cluster");
		int redisPort = options.integer("redis-port", 6379);
		long redisPid = options.longValue("redis-pid", -1);
		int identities = options.integer("identities", 10);
		int windowSize = options.integer("window", 16);
		int payload = options.size("payload", 64);
		long maxMessages = options.longValue("max-messages", 5_000_000);
		Duration warmup = options.duration("warmup", Duration.ofSeconds(2));
		Duration duration = options.duration("duration", Duration.ofSeconds(6));
		NettyTransport transport = NettyTransport.parse(options.string("transport", "auto"));
		int workerThreads = options.integer("worker-threads", 1);
		int clockTicks = options.integer("clock-ticks", ProcessStats.DEFAULT_CLOCK_TICKS);
		options.rejectUnknown();
		ClusterLoad load = new ClusterLoad(payload, identities, windowSize);
		String prefix = "bench-" + UUID.randomUUID() + ":";
		SendPath path = switch (variant) {
			case "cluster", "local" -> new ClusterPath(redisPort, identities, prefix, variant.equals("cluster"),
					transport, workerThreads, load::received);
			case "raw" -> new LettucePath(redisPort, identities, prefix, load::received);
			default -> throw new IllegalArgumentException("--variant is cluster, local or raw, not " + variant);
		};
		try {
			Map<String, Object> result = load.run(path, warmup, duration, maxMessages, redisPid, clockTicks);
			result.put("variant", variant);
			return result;
		}
		finally {
			path.close();
		}
	}

	private Map<String, Object> run(SendPath path, Duration warmup, Duration duration, long maxMessages,
			long redisPid, int clockTicks) throws InterruptedException {
		long self = ProcessHandle.current().pid();
		long start = System.nanoTime();
		long windowStart = start + warmup.toNanos();
		long windowEnd = windowStart + duration.toNanos();
		long sent = 0;
		long cpuStart = -1;
		long redisCpuStart = -1;
		long measuredStart = 0;
		long started = 0;
		while (sent < maxMessages) {
			long now = System.nanoTime();
			if (started == 0 && now >= windowStart) {
				started = now;
				cpuStart = ProcessStats.cpuNanos(self, clockTicks);
				redisCpuStart = (redisPid > 0) ? ProcessStats.cpuNanos(redisPid, clockTicks) : -1;
				synchronized (this) {
					this.measuring = true;
					measuredStart = this.measured;
				}
			}
			if (now >= windowEnd) {
				break;
			}
			if (!this.window.tryAcquire(STALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				stalled("no message arrived for " + STALL_TIMEOUT.toSeconds() + "s with " + this.windowSize
						+ " in flight");
				break;
			}
			long sequence = sent++;
			int identity = (int) (sequence % this.identities);
			String message = new BenchMessage(sequence, identity, System.nanoTime()).format(this.payload);
			path.send(identity, message).whenComplete((count, failure) -> completed(sequence, count, failure));
		}
		long ended = System.nanoTime();
		long messages;
		synchronized (this) {
			this.measuring = false;
			messages = this.measured - measuredStart;
		}
		long cpu = (cpuStart >= 0) ? ProcessStats.cpuNanos(self, clockTicks) - cpuStart : -1;
		long redisCpu = (redisCpuStart >= 0) ? ProcessStats.cpuNanos(redisPid, clockTicks) - redisCpuStart : -1;
		// Drain: every message sent must arrive (or have failed), and none twice.
		this.window.tryAcquire(this.windowSize, STALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<String, Object> result = new LinkedHashMap<>();
		synchronized (this) {
			long missing = sent - this.received - this.failed;
			if (missing > 0) {
				recordError(missing + " message(s) sent but not received");
			}
			double seconds = (started > 0) ? (ended - started) / 1e9 : Double.NaN;
			result.put("msgPerSec", format(messages / seconds));
			result.put("p50us", format(this.latency.getValueAtPercentile(50) / 1e3));
			result.put("p99us", format(this.latency.getValueAtPercentile(99) / 1e3));
			result.put("p999us", format(this.latency.getValueAtPercentile(99.9) / 1e3));
			result.put("jvmCpuNsPerMsg", format(perMessage(cpu, messages)));
			result.put("redisCpuNsPerMsg", format(perMessage(redisCpu, messages)));
			result.put("jvmCpuUtil", String.format(Locale.ROOT, "%.3f", cpu / (seconds * 1e9)));
			result.put("redisCpuUtil", String.format(Locale.ROOT, "%.3f", redisCpu / (seconds * 1e9)));
			result.put("messages", messages);
			result.put("sent", sent);
			result.put("errors", this.errors);
			result.put("firstError", this.firstError.isEmpty() ? "-" : this.firstError);
		}
		return result;
	}

	/**
	 * Returns CPU time per message, or -1 when either is unknown.
	 */
	static double perMessage(long cpuNanos, long messages) {
		return (cpuNanos < 0 || messages <= 0) ? -1 : (double) cpuNanos / messages;
	}

	private synchronized void stalled(String error) {
		recordError(error);
	}

	private void completed(long sequence, @Nullable Integer count, @Nullable Throwable failure) {
		boolean release;
		synchronized (this) {
			if (failure != null || count == null || count != 1) {
				this.failed++;
				recordError((failure != null) ? String.valueOf(failure)
						: "send " + sequence + " reached " + count + " recipients, not 1");
				// It will not arrive, or if it does, it is not waited for.
				release = !this.seen.get((int) sequence);
				this.seen.set((int) sequence);
			}
			else {
				release = this.seen.get((int) sequence);
			}
			this.completed.set((int) sequence);
		}
		if (release) {
			this.window.release();
		}
	}

	private void received(int identity, String text) {
		long now = System.nanoTime();
		BenchMessage message;
		try {
			message = BenchMessage.parse(text);
		}
		catch (IllegalArgumentException ex) {
			synchronized (this) {
				recordError(ex.getMessage());
			}
			return;
		}
		synchronized (this) {
			int sequence = (int) message.sequence();
			if (message.identity() != identity) {
				recordError("message " + sequence + " for identity " + message.identity() + " reached " + identity);
			}
			else if (this.seen.get(sequence)) {
				recordError("message " + sequence + " received twice");
				return;
			}
			this.seen.set(sequence);
			this.received++;
			if (this.measuring) {
				this.measured++;
				this.latency.recordValue(Math.min(now - message.sentNanos(), HIGHEST_LATENCY_NANOS));
			}
			if (!this.completed.get(sequence)) {
				return;
			}
		}
		this.window.release();
	}

	private void recordError(String error) {
		if (this.errors++ == 0) {
			this.firstError = error;
		}
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
