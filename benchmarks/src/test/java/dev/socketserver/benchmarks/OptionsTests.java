package dev.socketserver.benchmarks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTests {

	@Test
	void valuesFlagsAndUnitsAreParsed() {
		Options options = Options.parse("test", "--port", "7000", "--payload=4k", "--quick", "--warmup", "500ms",
				"--duration", "2m", "--jvm-opts=--add-opens x", "--list", "S1, S3", "--messages", "2m");
		assertThat(options.integer("port", 0)).isEqualTo(7000);
		assertThat(options.size("payload", 64)).isEqualTo(4096);
		assertThat(options.flag("quick")).isTrue();
		assertThat(options.flag("absent")).isFalse();
		assertThat(options.duration("warmup", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
		assertThat(options.duration("duration", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.string("jvm-opts", "")).isEqualTo("--add-opens x");
		assertThat(options.list("list", List.of())).containsExactly("S1", "S3");
		assertThat(options.longValue("messages", 0)).isEqualTo(2_000_000);
		options.rejectUnknown();
	}

	@Test
	void bareNumberDurationMeansSeconds() {
		assertThat(Options.parse("test", "--hold", "1.5").duration("hold", Duration.ZERO))
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void unknownOptionIsRejected() {
		Options options = Options.parse("test", "--prot", "7000");
		options.integer("port", 0);
		assertThatIllegalArgumentException().isThrownBy(options::rejectUnknown).withMessageContaining("--prot");
	}

	@Test
	void badValueIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse("test", "--payload", "lots").size("payload", 64))
			.withMessageContaining("--payload");
	}

}
