package dev.socketserver.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure table on a clock of its own: bans, their end, the window, and its fixed size under a flood.
 */
class AuthenticationFailuresTests {

	private static final long SECOND = 1_000_000_000L;

	private final AuthenticationFailures failures = new AuthenticationFailures(3, Duration.ofSeconds(60),
			Duration.ofSeconds(300), 64);

	@Test
	void bansAfterTheFailuresWithinTheWindow() {
		InetAddress address = address("192.0.2.1");
		assertThat(this.failures.recordFailure(address, 0)).isFalse();
		assertThat(this.failures.recordFailure(address, SECOND)).isFalse();
		assertThat(this.failures.isBanned(address, 2 * SECOND)).isFalse();
		assertThat(this.failures.recordFailure(address, 2 * SECOND)).isTrue();
		assertThat(this.failures.isBanned(address, 3 * SECOND)).isTrue();
		assertThat(this.failures.isBanned(address("192.0.2.2"), 3 * SECOND)).isFalse();
		assertThat(this.failures.bannedAddresses(3 * SECOND)).isEqualTo(1);
	}

	@Test
	void aBanEnds() {
		InetAddress address = address("192.0.2.1");
		for (int i = 0; i < 3; i++) {
			this.failures.recordFailure(address, 0);
		}
		assertThat(this.failures.isBanned(address, 299 * SECOND)).isTrue();
		assertThat(this.failures.isBanned(address, 300 * SECOND)).isFalse();
		// After the ban it starts again from nothing.
		assertThat(this.failures.recordFailure(address, 301 * SECOND)).isFalse();
		assertThat(this.failures.isBanned(address, 302 * SECOND)).isFalse();
	}

	@Test
	void failuresOutsideTheWindowAreForgotten() {
		InetAddress address = address("192.0.2.1");
		this.failures.recordFailure(address, 0);
		this.failures.recordFailure(address, SECOND);
		assertThat(this.failures.recordFailure(address, 61 * SECOND)).isFalse();
		assertThat(this.failures.recordFailure(address, 62 * SECOND)).isFalse();
		assertThat(this.failures.isBanned(address, 63 * SECOND)).isFalse();
		assertThat(this.failures.recordFailure(address, 63 * SECOND)).isTrue();
	}

	@Test
	void ipv6CountsPerSlash64() {
		for (int i = 1; i <= 3; i++) {
			this.failures.recordFailure(address("2001:db8:1:2::" + i), 0);
		}
		assertThat(this.failures.isBanned(address("2001:db8:1:2::99"), SECOND)).isTrue();
		assertThat(this.failures.isBanned(address("2001:db8:1:3::1"), SECOND)).isFalse();
	}

	@Test
	void aFloodOfAddressesDoesNotGrowTheTableNorLiftABan() {
		InetAddress attacker = address("192.0.2.1");
		for (int i = 0; i < 3; i++) {
			this.failures.recordFailure(attacker, i);
		}
		for (int i = 0; i < 100_000; i++) {
			this.failures.recordFailure(address("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)),
					10 + i);
		}
		assertThat(this.failures.capacity()).isEqualTo(64);
		// Entries not banned are forgotten first: a flood of single failures cannot push a ban out.
		assertThat(this.failures.isBanned(attacker, 200_000)).isTrue();
	}

	private static InetAddress address(String text) {
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
