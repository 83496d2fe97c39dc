package dev.socketserver.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import dev.socketserver.codec.LengthFieldFraming;
import dev.socketserver.codec.MessageCodec;
import dev.socketserver.codec.PayloadCodec;
import dev.socketserver.connection.Connection;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Registry operations of {@link ConnectionManager} with many open connections: lookup by id, identity binding and
 * group membership. Bind and join are measured as pairs with their undo, so that every invocation starts from the
 * same state; the groups used already have members, so the pairs never create or drop a group.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConnectionRegistryBenchmark {

	private static final int GROUPS = 100;

	@Param("10000")
	int connections;

	private SinkConnections fixture;

	private ConnectionManager manager;

	private Connection[] open;

	private String[] ids;

	private String[] identities;

	private String[] groups;

	private int next;

	@Setup(Level.Trial)
	public void open() {
		this.fixture = new SinkConnections(this.connections, 1,
				MessageCodec.of(LengthFieldFraming.builder().build(), PayloadCodec.bytes()), SinkChannel::new);
		this.manager = this.fixture.manager();
		this.open = this.fixture.connections();
		this.ids = new String[this.open.length];
		this.identities = new String[this.open.length];
		this.groups = new String[GROUPS];
		for (int i = 0; i < GROUPS; i++) {
			this.groups[i] = "room-" + i;
		}
		for (int i = 0; i < this.open.length; i++) {
			this.ids[i] = this.open[i].id();
			this.identities[i] = "user-" + i;
			// Every group has a hundred standing members, so join and leave only touch existing sets.
			this.open[i].join(this.groups[i % GROUPS]);
		}
	}

	@TearDown(Level.Trial)
	public void close() {
		this.fixture.close();
	}

	private int nextIndex() {
		int index = this.next;
		this.next = (index + 1 == this.open.length) ? 0 : index + 1;
		return index;
	}

	@Benchmark
	public Connection lookupById() {
		return this.manager.get(this.ids[nextIndex()]);
	}

	@Benchmark
	public void bindAndUnbindIdentity(Blackhole blackhole) {
		int index = nextIndex();
		Connection connection = this.open[index];
		connection.bindIdentity(this.identities[index]);
		blackhole.consume(this.manager.connectionsOf(this.identities[index]));
		connection.unbindIdentity();
	}

	@Benchmark
	public void joinAndLeaveGroup(Blackhole blackhole) {
		int index = nextIndex();
		Connection connection = this.open[index];
		String group = this.groups[(index + 1) % GROUPS];
		connection.join(group);
		blackhole.consume(this.manager.groupSize(group));
		connection.leave(group);
	}

}
