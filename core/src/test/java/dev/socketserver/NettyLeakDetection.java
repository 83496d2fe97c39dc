package dev.socketserver;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer while it ran. Registered for every test class through
 * JUnit's extension auto-detection, so the leak detector is replaced before the first buffer exists; leak
 * detection runs at PARANOID level (see the surefire configuration), which tracks every buffer.
 */
public final class NettyLeakDetection implements AfterAllCallback {

	private static final List<String> leaks = new ArrayList<>();

	static {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		// Leaks surface only after their buffers are collected and the detector polls its queue on allocation.
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(20);
			ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
			probe.release();
		}
		List<String> found;
		synchronized (leaks) {
			found = new ArrayList<>(leaks);
			leaks.clear();
		}
		if (!found.isEmpty()) {
			throw new AssertionError("Netty reported " + found.size() + " leak(s) in "
					+ context.getDisplayName() + ":\n" + String.join("\n\n", found));
		}
	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		@Override
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return new RecordingDetector<>(resource, samplingInterval);
		}

	}

	private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {

		RecordingDetector(Class<?> resourceType, int samplingInterval) {
			super(resourceType, samplingInterval);
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			record("LEAK of " + resourceType + ":" + records);
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			record("LEAK of " + resourceType + " (no records)");
		}

		private static void record(String report) {
			synchronized (leaks) {
				leaks.add(report);
			}
		}

	}

}
