package dev.socketserver.benchmarks.jmh;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.ConnectionManager;
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
 * {@link ConnectionManager#broadcast(Object)} to many connections served by two real NIO event loops, each
 * connection over a {@link SinkChannel} that takes flushed bytes at once (no sockets: the kernel's share of a
 * write is left out, the server's share is all in).
 * <p>
 * {@code callerSide} times only the call, which encodes once and hands each loop its recipients in one task;
 * the writes it starts are awaited outside the measurement, so a run never queues more than one broadcast.
 * {@code untilWritten} times the call plus the wait until every recipient's channel has written its copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BroadcastBenchmark {

	@Param("10000")
	int connections;

	@Param("64")
	int payloadSize;

	private SinkConnections fixture;

	private ConnectionManager manager;

	private byte[] payload;

	private volatile CountDownLatch written = new CountDownLatch(0);

	private long broadcasts;

	@Setup(Level.Trial)
	public void open() {
		this.fixture = new SinkConnections(this.connections, 2,
				MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes()),
				() -> new SinkChannel(() -> this.written.countDown()));
		this.manager = this.fixture.manager();
		this.payload = new byte[this.payloadSize];
		Arrays.fill(this.payload, (byte) 'x');
	}

	@Setup(Level.Invocation)
	public void arm() {
		this.written = new CountDownLatch(this.connections);
	}

	@TearDown(Level.Invocation)
	public void awaitWritten() throws InterruptedException {
		if (!this.written.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.written.getCount() + " recipients still unwritten");
		}
	}

	@TearDown(Level.Trial)
	public void close() {
		long expected = this.broadcasts * this.connections * (this.payloadSize + 4L);
		long actual = this.fixture.bytesWritten();
		this.fixture.close();
		if (actual != expected) {
			throw new IllegalStateException("Wrote " + actual + " bytes, expected " + expected);
		}
	}

	@Benchmark
	public int callerSide() {
		return send();
	}

	@Benchmark
	public int untilWritten() throws InterruptedException {
		int count = send();
		this.written.await();
		return count;
	}

	private int send() {
		int count = this.manager.broadcast(this.payload);
		if (count != this.connections) {
			throw new IllegalStateException("Broadcast reached " + count + " of " + this.connections);
		}
		this.broadcasts++;
		return count;
	}

}
