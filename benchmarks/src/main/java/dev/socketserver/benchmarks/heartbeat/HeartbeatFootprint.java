package dev.socketserver.benchmarks.heartbeat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.socketserver.benchmarks.heartbeat.HeartbeatScaleBenchmark.Scheduler;
import dev.socketserver.benchmarks.jmh.SinkChannel;
import dev.socketserver.heartbeat.Deadlines;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateHandler;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * Heap and CPU of read-idle deadlines for a million connections, our {@link dev.socketserver.heartbeat.DeadlineWheel}
 * against Netty's
 * {@link IdleStateHandler}, on the workload of {@link HeartbeatSimulation}; the companion of
 * {@link HeartbeatScaleBenchmark}, for what JMH does not measure well: retained heap and thread CPU time.
 * <p>
 * For each scheduler in turn it builds the simulation, runs it into its steady state, and takes the heap used after
 * a full collection; the heartbeat's heap is that minus the heap of the same connections without any deadline
 * ({@link Scheduler#NONE}), divided by the connections. The wheel's state sits in fields of the connection object
 * that exist in every mode, so their bytes are added from the class layout (JOL). CPU is the benchmark thread's
 * CPU time per simulated second (collections run on other threads and are reported apart).
 * <p>
 * Run with {@code java -Xms5g -Xmx5g -cp ... dev.socketserver.benchmarks.heartbeat.HeartbeatFootprint [connections
 * [measuredSeconds]]}. Prints a report on standard output: this is a program, not library code.
 */
public final class HeartbeatFootprint {

	private static final Duration READ_IDLE = Duration.ofSeconds(60);

	private static final int ACTIVITY_PERIOD_SECONDS = 50;

	private HeartbeatFootprint() {
	}

	public static void main(String[] args) throws Exception {
		int connections = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int measuredSeconds = (args.length > 1) ? Integer.parseInt(args[1]) : 600;
		System.out.printf("%,d connections, read idle %ds, each active once per %ds, %d simulated seconds measured%n",
				connections, READ_IDLE.toSeconds(), ACTIVITY_PERIOD_SECONDS, measuredSeconds);
		verifyEqualWork(Math.min(connections, 100_000));
		Map<Scheduler, Long> heap = new EnumMap<>(Scheduler.class);
		Map<Scheduler, Double> cpu = new EnumMap<>(Scheduler.class);
		for (Scheduler scheduler : List.of(Scheduler.NONE, Scheduler.IDLE_STATE_HANDLER, Scheduler.WHEEL,
				Scheduler.NONE, Scheduler.IDLE_STATE_HANDLER, Scheduler.WHEEL)) {
			long before = usedHeapAfterGc();
			HeartbeatSimulation simulation = new HeartbeatSimulation(scheduler, connections, READ_IDLE,
					ACTIVITY_PERIOD_SECONDS, SinkChannel::new);
			simulation.run(2 * (int) READ_IDLE.toSeconds() + ACTIVITY_PERIOD_SECONDS);
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long gcCountBefore = gcCount();
			long gcMillisBefore = gcMillis();
			long cpuBefore = threads.getCurrentThreadCpuTime();
			long wallBefore = System.nanoTime();
			simulation.run(measuredSeconds);
			double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / measuredSeconds;
			double wallMicros = (System.nanoTime() - wallBefore) / 1e3 / measuredSeconds;
			long gcs = gcCount() - gcCountBefore;
			long gcMillis = gcMillis() - gcMillisBefore;
			long retained = usedHeapAfterGc() - before;
			if (simulation.openConnections() != connections) {
				throw new IllegalStateException("Connections timed out with " + scheduler);
			}
			if (scheduler == Scheduler.IDLE_STATE_HANDLER && !heap.containsKey(scheduler)) {
				printIdleStateHandlerLayout(simulation.channel(0).pipeline().context(IdleStateHandler.class));
			}
			simulation.close();
			heap.put(scheduler, retained);
			cpu.merge(scheduler, cpuMicros, Math::min);
			System.out.printf("%-18s heap %,7.1f B/connection | thread CPU %,9.1f us per simulated second "
					+ "(wall %,9.1f us) | %d GCs, %d ms%n", scheduler, (double) retained / connections, cpuMicros,
					wallMicros, gcs, gcMillis);
		}
		long wheelFieldBytes = printConnectionLayout();
		double idleHeap = (double) (heap.get(Scheduler.IDLE_STATE_HANDLER) - heap.get(Scheduler.NONE)) / connections;
		double wheelHeap = wheelFieldBytes
				+ (double) (heap.get(Scheduler.WHEEL) - heap.get(Scheduler.NONE)) / connections;
		double idleCpu = cpu.get(Scheduler.IDLE_STATE_HANDLER) - cpu.get(Scheduler.NONE);
		double wheelCpu = cpu.get(Scheduler.WHEEL) - cpu.get(Scheduler.NONE);
		System.out.printf("%nHeartbeat heap per connection: IdleStateHandler %.1f B, wheel %.1f B (%d B of fields "
				+ "+ %.1f B measured) -> ratio %.2f%n", idleHeap, wheelHeap, wheelFieldBytes,
				wheelHeap - wheelFieldBytes,
				wheelHeap / idleHeap);
		System.out.printf("Heartbeat CPU per simulated second (best run minus NONE): IdleStateHandler %.1f us, "
				+ "wheel %.1f us -> ratio %.2f%n", idleCpu, wheelCpu, wheelCpu / idleCpu);
	}

	/**
	 * Counts the deadline checks of both schedulers on a smaller population: each check asks the channel whether
	 * it is still open, so the calls beyond those of {@link Scheduler#NONE} are the checks.
	 */
	private static void verifyEqualWork(int connections) {
		int seconds = 200;
		Map<Scheduler, Long> calls = new EnumMap<>(Scheduler.class);
		for (Scheduler scheduler : Scheduler.values()) {
			LongAdder probes = new LongAdder();
			try (HeartbeatSimulation simulation = new HeartbeatSimulation(scheduler, connections, READ_IDLE,
					ACTIVITY_PERIOD_SECONDS, () -> new ProbeChannel(probes))) {
				simulation.run(2 * (int) READ_IDLE.toSeconds() + ACTIVITY_PERIOD_SECONDS);
				probes.reset();
				simulation.run(seconds);
				calls.put(scheduler, probes.sum());
			}
		}
		long none = calls.get(Scheduler.NONE);
		System.out.printf("Deadline checks per simulated second at %,d connections: IdleStateHandler %,d, wheel %,d "
				+ "(expected %,d)%n", connections, (calls.get(Scheduler.IDLE_STATE_HANDLER) - none) / seconds,
				(calls.get(Scheduler.WHEEL) - none) / seconds, connections / ACTIVITY_PERIOD_SECONDS);
	}

	private static void printIdleStateHandlerLayout(ChannelHandlerContext ctx) throws ReflectiveOperationException {
		IdleStateHandler handler = (IdleStateHandler) ctx.handler();
		Object future = field(IdleStateHandler.class, "readerIdleTimeout").get(handler);
		Object task = field(Class.forName("io.netty.util.concurrent.PromiseTask"), "task").get(future);
		Object listener = field(IdleStateHandler.class, "writeListener").get(handler);
		long total = sizeOf(handler) + sizeOf(listener) + sizeOf(ctx) + sizeOf(future) + sizeOf(task);
		System.out.printf("IdleStateHandler per connection (JOL shallow sizes): handler %d B + its write listener %d B "
				+ "+ context %d B + scheduled future %d B + reader task %d B = %d B, plus the scheduled-task queue "
				+ "slot%n", sizeOf(handler), sizeOf(listener), sizeOf(ctx), sizeOf(future), sizeOf(task), total);
	}

	/**
	 * Returns an object's shallow size; without an instrumentation agent JOL cannot lay out a lambda (a hidden
	 * class), so its size is then computed from its fields.
	 */
	private static long sizeOf(Object object) {
		VirtualMachine vm = VM.current();
		try {
			return vm.sizeOf(object);
		}
		catch (RuntimeException ex) {
			long size = vm.objectHeaderSize();
			for (Field field : object.getClass().getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					size += field.getType().isPrimitive() ? vm.sizeOfField(field.getType().getName())
							: vm.sizeOfField("oop");
				}
			}
			return (size + 7) & ~7L;
		}
	}

	/**
	 * Prints the layout of a connection and returns what its deadlines cost it: the {@link Deadlines} object and
	 * the connection's reference to it.
	 */
	private static long printConnectionLayout() throws ClassNotFoundException {
		ClassLayout connection = ClassLayout.parseClass(Class.forName("dev.socketserver.connection.ChannelConnection"));
		ClassLayout deadlines = ClassLayout.parseClass(Deadlines.class);
		long bytes = deadlines.instanceSize() + VM.current().sizeOfField("oop");
		System.out.printf("%nChannelConnection: %d B per instance; Deadlines: %d B per instance, %d B with the "
				+ "reference to it%n", connection.instanceSize(), deadlines.instanceSize(), bytes);
		return bytes;
	}

	private static Field field(Class<?> type, String name) throws NoSuchFieldException {
		Field field = type.getDeclaredField(name);
		field.setAccessible(true);
		return field;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			TimeUnit.MILLISECONDS.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long gcCount() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionTime)
			.sum();
	}

	/**
	 * A sink channel counting how often it is asked whether it is open or active.
	 */
	private static final class ProbeChannel extends SinkChannel {

		private final LongAdder probes;

		ProbeChannel(LongAdder probes) {
			this.probes = probes;
		}

		@Override
		public boolean isOpen() {
			this.probes.increment();
			return super.isOpen();
		}

		@Override
		public boolean isActive() {
			this.probes.increment();
			return super.isActive();
		}

	}

}
