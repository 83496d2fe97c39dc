package dev.socketserver.benchmarks.loadgen;

import java.time.Duration;

import dev.socketserver.benchmarks.NettyTransport;
import dev.socketserver.benchmarks.Options;
import dev.socketserver.benchmarks.ProcessStats;

/**
 * Settings of one load generator run; see {@link #USAGE}.
 *
 * @param mode what to do with the connections
 * @param host server host
 * @param port server port
 * @param protocol framing
 * @param connections connections to open (echo and idle modes)
 * @param payloadSize payload bytes per frame
 * @param pipeline frames in flight per connection (echo mode)
 * @param concurrency parallel connect/close slots (connect mode)
 * @param duration measured time
 * @param warmup time before the measurement, not counted
 * @param connectRate new connections per second while opening them, 0 for no pacing
 * @param maxPendingConnects connection attempts in progress at once while opening them
 * @param connectTimeout time allowed for one connection attempt
 * @param threads client event loop threads
 * @param transport client transport
 * @param sourceAddresses loopback source addresses (127.0.0.2 and up) to spread connections over, 0 for none
 * @param maxMessages bound on messages (echo mode) or connections (connect mode) over the whole run
 * @param hold longest time idle connections are held when nobody releases them earlier
 * @param drainTimeout time allowed for outstanding echoes after the measurement
 * @param serverPid process id of the server, to report its CPU time over the measurement, 0 for none
 * @param clockTicks clock ticks per second of {@code /proc} times
 * @since 0.1.0
 */
public record LoadGeneratorOptions(Mode mode, String host, int port, Protocol protocol, int connections,
		int payloadSize, int pipeline, int concurrency, Duration duration, Duration warmup, int connectRate,
		int maxPendingConnects, Duration connectTimeout, int threads, NettyTransport transport, int sourceAddresses,
		long maxMessages, Duration hold, Duration drainTimeout, long serverPid, int clockTicks) {

	/**
	 * Command-line help.
	 */
	public static final String USAGE = """
			Usage: java -jar socket-server-benchmarks.jar [options]
			  --mode echo|connect|idle   echo: frames in flight on every connection, every echo checked (default echo)
			                             connect: open, exchange one frame, close, repeat on --concurrency slots
			                             idle: open --connections and hold them until stdin closes or --hold ends
			  --host H --port P          server (default 127.0.0.1, port required)
			  --protocol length|line     4-byte big-endian length prefix, or lines ended by \\n (default length)
			  --connections N            connections, echo and idle modes (default 100)
			  --payload SIZE             payload bytes per frame, e.g. 64 or 4k (default 64)
			  --pipeline N               frames in flight per connection, echo mode (default 1)
			  --concurrency N            parallel connect/close slots, connect mode (default 32)
			  --duration D --warmup D    measured time and untimed warm-up, e.g. 10s, 500ms (default 10s, 3s)
			  --connect-rate N           new connections per second while opening them, 0 = unpaced (default 2000)
			  --max-pending-connects N   connection attempts in flight while opening them (default 256)
			  --connect-timeout D        per connection attempt (default 10s)
			  --threads N                client event loop threads (default 1)
			  --transport T              client transport: auto (epoll, else nio), epoll, io_uring, nio (default auto)
			  --source-addresses N       spread connections over 127.0.0.2..127.0.0.(N+1); 0 = let the kernel choose
			                             (default 32 for a loopback server, else 0)
			  --max-messages N           bound on messages (echo) or connections (connect) in the run (default 2000m)
			  --hold D                   idle mode: longest hold (default 120s)
			  --drain-timeout D          time for outstanding echoes after the measurement (default 10s)
			  --server-pid PID           report the server's CPU time over the measured window (from /proc)
			  --clock-ticks N            USER_HZ of /proc times (default 100)
			Prints a report, then one machine-readable line starting with RESULT.
			""";

	/**
	 * Parses command-line arguments.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException on an unknown option or a bad value
	 */
	public static LoadGeneratorOptions parse(String... args) {
		Options options = Options.parse("load generator", args);
		String host = options.string("host", "127.0.0.1");
		int port = options.integer("port", 0);
		boolean loopback = host.startsWith("127.") || host.equals("localhost");
		LoadGeneratorOptions result = new LoadGeneratorOptions(Mode.parse(options.string("mode", "echo")), host,
				port, Protocol.parse(options.string("protocol", "length")), options.integer("connections", 100),
				options.size("payload", 64), options.integer("pipeline", 1), options.integer("concurrency", 32),
				options.duration("duration", Duration.ofSeconds(10)), options.duration("warmup", Duration.ofSeconds(3)),
				options.integer("connect-rate", 2000), options.integer("max-pending-connects", 256),
				options.duration("connect-timeout", Duration.ofSeconds(10)), options.integer("threads", 1),
				NettyTransport.parse(options.string("transport", "auto")),
				options.integer("source-addresses", loopback ? 32 : 0),
				options.longValue("max-messages", 2_000_000_000L), options.duration("hold", Duration.ofSeconds(120)),
				options.duration("drain-timeout", Duration.ofSeconds(10)), options.longValue("server-pid", 0),
				options.integer("clock-ticks", ProcessStats.DEFAULT_CLOCK_TICKS));
		options.rejectUnknown();
		return result;
	}

	/**
	 * Validates the settings.
	 */
	public LoadGeneratorOptions {
		require(port > 0 && port < 65536, "--port is required (1-65535)");
		require(connections > 0, "--connections must be positive");
		require(payloadSize > 0 && payloadSize <= 16 * 1024 * 1024, "--payload must be between 1 byte and 16m");
		require(pipeline > 0 && pipeline <= 65536, "--pipeline must be between 1 and 65536");
		require(concurrency > 0, "--concurrency must be positive");
		require(connectRate >= 0, "--connect-rate must not be negative");
		require(maxPendingConnects > 0, "--max-pending-connects must be positive");
		require(threads > 0, "--threads must be positive");
		require(sourceAddresses >= 0 && sourceAddresses <= 250, "--source-addresses must be between 0 and 250");
		require(maxMessages > 0, "--max-messages must be positive");
		require(clockTicks > 0, "--clock-ticks must be positive");
		require(duration.toNanos() > 0, "--duration must be positive");
	}

	/**
	 * Returns the longest this run may take, from start to exit, with generous slack; beyond it the run is stuck.
	 * @return the bound
	 */
	public Duration timeLimit() {
		long connecting = (this.connectRate > 0) ? (1000L * this.connections / this.connectRate) : 0;
		Duration base = Duration.ofMillis(connecting).plus(this.connectTimeout).plus(this.drainTimeout).plusSeconds(30);
		return (this.mode == Mode.IDLE) ? base.plus(this.hold) : base.plus(this.warmup).plus(this.duration);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
