package dev.socketserver.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Details quoting the peer are logged as one short line.
 */
class ProtectionLogDetailTests {

	@Test
	void controlCharactersCannotForgeLogLines() {
		assertThat(ProtectionLog.printable("bad token for pump-7\n12:00 INFO all is well\u001b[2J"))
			.isEqualTo("bad token for pump-7?12:00 INFO all is well?[2J");
	}

	@Test
	void longDetailsAreCut() {
		assertThat(ProtectionLog.printable("x".repeat(1000))).hasSize(203).endsWith("...");
		assertThat(ProtectionLog.printable("short")).isEqualTo("short");
	}

}
