package dev.socketserver.benchmarks.heartbeat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.socketserver.benchmarks.jmh.SinkChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU per simulated second of read-idle deadlines for a million connections on one event loop: our
 * {@link dev.socketserver.heartbeat.DeadlineWheel} against one Netty {@link IdleStateHandler} per connection, and
 * against no deadline at all
 * (see {@link HeartbeatSimulation} for the workload). One operation is one simulated second: this second's active
 * connections receive a message, then the loop runs the deadlines due. The heartbeat's own cost is an operation's
 * time minus that of {@link Scheduler#NONE}. Heap per connection is measured by {@link HeartbeatFootprint}.
 * <p>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms5g", "-Xmx5g" })
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class HeartbeatScaleBenchmark {

	/**
	 * Which deadline scheduler the connections use.
	 */
	public enum Scheduler {

		/** Our wheel: one scheduled task per loop, connections as intrusive list nodes. */
		WHEEL,

		/** Netty's {@code IdleStateHandler}: one handler, context and scheduled task per connection. */
		IDLE_STATE_HANDLER,

		/** No read-idle deadline: the cost of everything else. */
		NONE

	}

	@Param({ "WHEEL", "IDLE_STATE_HANDLER", "NONE" })
	public Scheduler scheduler;

	@Param("1000000")
	public int connections;

	@Param("60")
	public int readIdleSeconds;

	/** Each connection receives a message once per this many seconds: 50 means 2% of them each second. */
	@Param("50")
	public int activityPeriodSeconds;

	private HeartbeatSimulation simulation;

	@Setup(Level.Trial)
	public void open() {
		this.simulation = new HeartbeatSimulation(this.scheduler, this.connections,
				Duration.ofSeconds(this.readIdleSeconds), this.activityPeriodSeconds, SinkChannel::new);
		// Past the start, when every first deadline falls in the same second, into the steady state.
		this.simulation.run(2 * this.readIdleSeconds + this.activityPeriodSeconds);
	}

	@TearDown(Level.Trial)
	public void close() {
		int open = this.simulation.openConnections();
		this.simulation.close();
		if (open != this.connections) {
			throw new IllegalStateException((this.connections - open) + " connections timed out");
		}
	}

	@Benchmark
	public int simulatedSecond() {
		return this.simulation.second();
	}

}
