package dev.socketserver.benchmarks.request;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.benchmarks.Options;
import dev.socketserver.benchmarks.ProcessStats;
import dev.socketserver.benchmarks.ResultLine;
import io.netty.channel.EventLoop;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop request/response load: a fixed number of requests in flight per connection, each reply checked and
 * followed at once by the next request, all on one event loop; round trips per second, their latency, and this
 * process's CPU per round trip over the measured window, printed as a {@link ResultLine}.
 * <p>
 * {@code --side client} measures {@code Connection.request} of a {@code SocketClient}, {@code --side raw} a
 * hand-written Netty client with the same correlation. The server must echo each frame unchanged.
 */
public final class RequestLoad {

	private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

	private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Requester requester;

	private final EventLoop loop;

	private final int slots;

	private final int payloadSize;

	private final int clockTicks;

	private final long pid = ProcessHandle.current().pid();

	private final Histogram latency = new Histogram(HIGHEST_LATENCY_NANOS, 3);

	private final CountDownLatch drained = new CountDownLatch(1);

	// Event loop state: every request, reply and window edge runs on the one loop.
	private boolean running = true;

	private boolean measuring;

	private int outstanding;

	private long completed;

	private long errors;

	private String firstError = "";

	private long windowStartNanos;

	private long windowEndNanos;

	private long cpuStartNanos;

	private long cpuEndNanos;

	private RequestLoad(Requester requester, int slots, int payloadSize, int clockTicks) {
		this.requester = requester;
		this.loop = requester.loop();
		this.slots = slots;
		this.payloadSize = payloadSize;
		this.clockTicks = clockTicks;
	}

	public static void main(String[] args) throws Exception {
		System.out.println(ResultLine.format(run(args)));
	}

	/**
	 * Runs a load as the command line describes it.
	 * @param args the command line
	 * @return the figures, as the result line shows them
	 * @throws Exception if the requester cannot connect
	 */
	public static Map<String, Object> run(String... args) throws Exception {
		Options options = Options.parse("request-load", args);
		String side = options.string("side", "client");
		InetSocketAddress server = new InetSocketAddress(options.string("host", "127.0.0.1"),
				options.integer("port", 17100));
		int connections = options.integer("connections", 10);
		int inFlight = options.integer("in-flight", 16);
		int payload = options.size("payload", 64);
		Duration warmup = options.duration("warmup", Duration.ofSeconds(2));
		Duration duration = options.duration("duration", Duration.ofSeconds(6));
		NettyTransport transport = NettyTransport.parse(options.string("transport", "auto"));
		int clockTicks = options.integer("clock-ticks", ProcessStats.DEFAULT_CLOCK_TICKS);
		options.rejectUnknown();
		if (payload < 8) {
			throw new IllegalArgumentException("--payload must be at least 8 bytes (sequence number and slot)");
		}
		Requester requester = switch (side) {
			case "client" -> new SocketClientRequester(transport, server, connections, inFlight,
					Duration.ofNanos(TIMEOUT_NANOS));
			case "raw" -> new RawNettyRequester(transport, server, connections, TIMEOUT_NANOS);
			default -> throw new IllegalArgumentException("--side is client or raw, not " + side);
		};
		try {
			Map<String, Object> result = new RequestLoad(requester, connections * inFlight, payload, clockTicks)
				.run(warmup, duration);
			result.put("side", side);
			return result;
		}
		finally {
			requester.close();
		}
	}

	private Map<String, Object> run(Duration warmup, Duration duration) throws InterruptedException {
		this.loop.execute(() -> {
			for (int slot = 0; slot < this.slots; slot++) {
				send(slot);
			}
			this.requester.flush();
		});
		this.loop.schedule(() -> {
			this.cpuStartNanos = ProcessStats.cpuNanos(this.pid, this.clockTicks);
			this.windowStartNanos = System.nanoTime();
			this.measuring = true;
		}, warmup.toNanos(), TimeUnit.NANOSECONDS);
		this.loop.schedule(() -> {
			this.measuring = false;
			this.windowEndNanos = System.nanoTime();
			this.cpuEndNanos = ProcessStats.cpuNanos(this.pid, this.clockTicks);
			this.running = false;
		}, warmup.plus(duration).toNanos(), TimeUnit.NANOSECONDS);
		boolean done = this.drained.await(warmup.plus(duration).plusSeconds(20).toSeconds(), TimeUnit.SECONDS);
		CountDownLatch read = new CountDownLatch(1);
		Map<String, Object> result = new LinkedHashMap<>();
		this.loop.execute(() -> {
			if (!done) {
				recordError("requests still in flight after the window: " + this.outstanding);
			}
			double seconds = (this.windowEndNanos - this.windowStartNanos) / 1e9;
			result.put("msgPerSec", format(this.completed / seconds));
			result.put("p50us", format(this.latency.getValueAtPercentile(50) / 1e3));
			result.put("p99us", format(this.latency.getValueAtPercentile(99) / 1e3));
			result.put("p999us", format(this.latency.getValueAtPercentile(99.9) / 1e3));
			long cpu = this.cpuEndNanos - this.cpuStartNanos;
			result.put("clientCpuNsPerMsg", format((this.completed > 0) ? (double) cpu / this.completed : 0));
			result.put("clientCpuUtil", format(cpu / (seconds * 1e9)));
			result.put("requests", this.completed);
			result.put("errors", this.errors);
			result.put("firstError", this.firstError.isEmpty() ? "-" : this.firstError);
			read.countDown();
		});
		read.await(10, TimeUnit.SECONDS);
		return result;
	}

	private void send(int slot) {
		byte[] payload = new byte[this.payloadSize];
		// Bytes 4-7 name the slot, so that a reply delivered to the wrong request is caught.
		payload[4] = (byte) (slot >>> 24);
		payload[5] = (byte) (slot >>> 16);
		payload[6] = (byte) (slot >>> 8);
		payload[7] = (byte) slot;
		long start = System.nanoTime();
		this.outstanding++;
		this.requester.request(slot, payload).whenComplete((reply, failure) -> {
			this.outstanding--;
			if (failure != null) {
				recordError(String.valueOf(failure));
			}
			else if (!isReplyOf(reply, slot)) {
				recordError("reply of " + reply.length + " bytes does not answer slot " + slot);
			}
			else if (this.measuring) {
				this.completed++;
				this.latency.recordValue(Math.min(System.nanoTime() - start, HIGHEST_LATENCY_NANOS));
			}
			if (this.running) {
				send(slot);
			}
			else if (this.outstanding == 0) {
				this.drained.countDown();
			}
		});
	}

	private boolean isReplyOf(byte[] reply, int slot) {
		return reply.length == this.payloadSize && reply[4] == (byte) (slot >>> 24) && reply[5] == (byte) (slot >>> 16)
				&& reply[6] == (byte) (slot >>> 8) && reply[7] == (byte) slot;
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
