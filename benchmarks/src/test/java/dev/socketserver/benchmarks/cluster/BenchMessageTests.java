package dev.socketserver.benchmarks.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchMessageTests {

	@Test
	void aMessageIsPaddedToThePayloadSizeAndReadBack() {
		BenchMessage message = new BenchMessage(1_234_567, 7, 987_654_321_012L);
		String text = message.format(64);
		assertThat(text).hasSize(64).startsWith("1234567,7,987654321012,").matches("[0-9,a-z]+");
		assertThat(BenchMessage.parse(text)).isEqualTo(message);
	}

	@Test
	void numbersLongerThanThePayloadAreKeptWhole() {
		BenchMessage message = new BenchMessage(Long.MAX_VALUE, 9, Long.MAX_VALUE);
		String text = message.format(16);
		assertThat(text.length()).isGreaterThan(16);
		assertThat(BenchMessage.parse(text)).isEqualTo(message);
	}

	@Test
	void textThatIsNotAMessageIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchMessage.parse("hello"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchMessage.parse("1,2,"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchMessage.parse("1,x,3,abc"));
	}

	@Test
	void cpuPerMessageIsUnknownWithoutCpuTimeOrMessages() {
		assertThat(ClusterLoad.perMessage(3_000_000, 1000)).isEqualTo(3000.0);
		assertThat(ClusterLoad.perMessage(-1, 1000)).isEqualTo(-1.0);
		assertThat(ClusterLoad.perMessage(3_000_000, 0)).isEqualTo(-1.0);
	}

}
