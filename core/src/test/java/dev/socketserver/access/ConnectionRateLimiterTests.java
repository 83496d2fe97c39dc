package dev.socketserver.access;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionRateLimiterTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void burstThenSustainedRatePerAddress() throws Exception {
		ConnectionRateLimiter limiter = new ConnectionRateLimiter(new ConnectionRateLimit(2, 3, 16));
		InetAddress one = InetAddress.getByName("192.0.2.1");
		InetAddress two = InetAddress.getByName("192.0.2.2");
		long now = 1_000 * SECOND;
		assertThat(limiter.tryAcquire(one, now)).isTrue();
		assertThat(limiter.tryAcquire(one, now)).isTrue();
		assertThat(limiter.tryAcquire(one, now)).isTrue();
		assertThat(limiter.tryAcquire(one, now)).isFalse();
		assertThat(limiter.tryAcquire(two, now)).isTrue();
		assertThat(limiter.tryAcquire(one, now + SECOND / 2)).isTrue();
		assertThat(limiter.tryAcquire(one, now + SECOND / 2)).isFalse();
	}

	@Test
	void ipv6AddressesOfOneSlash64ShareABucket() throws Exception {
		ConnectionRateLimiter limiter = new ConnectionRateLimiter(new ConnectionRateLimit(1, 1, 16));
		assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2::1"), 0)).isTrue();
		assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2:ffff::9"), 0)).isFalse();
		assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:3::1"), 0)).isTrue();
	}

	@Test
	void tableStaysBoundedUnderAFloodOfAddressesAndForgetsOnlyInTheirFavour() throws Exception {
		ConnectionRateLimiter limiter = new ConnectionRateLimiter(new ConnectionRateLimit(1, 2, 64));
		assertThat(limiter.capacity()).isEqualTo(64);
		InetAddress victim = InetAddress.getByName("198.51.100.1");
		assertThat(limiter.tryAcquire(victim, 0)).isTrue();
		assertThat(limiter.tryAcquire(victim, 0)).isTrue();
		assertThat(limiter.tryAcquire(victim, 0)).isFalse();
		for (int i = 0; i < 100_000; i++) {
			byte[] bytes = { 10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i };
			limiter.tryAcquire(InetAddress.getByAddress(bytes), 1);
		}
		assertThat(limiter.trackedAddresses()).isEqualTo(64);
		assertThat(limiter.evictions()).isPositive();
		// Forgotten, the address starts again with a full bucket: more allowed than configured, never less.
		assertThat(limiter.tryAcquire(victim, 2)).isTrue();
	}

	@Test
	void refilledEntriesAreReusedBeforeBusyOnes() throws Exception {
		ConnectionRateLimiter limiter = new ConnectionRateLimiter(new ConnectionRateLimit(1000, 1, 16));
		for (int i = 0; i < 1000; i++) {
			byte[] bytes = { 10, 0, (byte) (i >>> 8), (byte) i };
			limiter.tryAcquire(InetAddress.getByAddress(bytes), i * SECOND);
		}
		assertThat(limiter.evictions()).isZero();
	}

}
