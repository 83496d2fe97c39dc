package dev.socketserver.benchmarks.runner;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunnerOptionsTests {

	@Test
	void roundsCanBeGivenPerScenario() {
		RunnerOptions options = RunnerOptions.parse("--rounds", "S3=9");
		assertThat(options.roundsOf("S1")).isEqualTo(5);
		assertThat(options.roundsOf("S3")).isEqualTo(9);
		assertThat(options.roundsOf("S5")).isEqualTo(2);
		assertThat(options.roundsOf("RESP")).isEqualTo(3);
		assertThat(options.rounds().describe(options.scenarios(), String::valueOf))
			.isEqualTo("5 (S3: 9; RESP: 3; CLUSTER: 3; S5: 2)");
	}

	@Test
	void roundsForAllAndForSomeScenariosCombine() {
		RunnerOptions options = RunnerOptions.parse("--rounds=7,s4=3", "--idle-rounds", "1");
		assertThat(options.roundsOf("S1")).isEqualTo(7);
		assertThat(options.roundsOf("S4")).isEqualTo(3);
		assertThat(options.roundsOf("S5")).isEqualTo(1);
	}

	@Test
	void warmUpAndDurationCanBeGivenPerLoadScenario() {
		RunnerOptions options = RunnerOptions.parse("--warmup", "S3=4s", "--duration", "5s,S1=500ms");
		assertThat(options.timingArguments("S3")).containsExactly("--warmup", "4s", "--duration", "5s");
		assertThat(options.timingArguments("S1")).containsExactly("--warmup", "2s", "--duration", "500ms");
		assertThat(options.warmup().of("S2")).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aScenarioTheSettingDoesNotApplyToIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--quick", "--rounds", "L1=3"))
			.withMessageContaining("L1");
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--warmup", "S5=3s"))
			.withMessageContaining("S5");
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--rounds", "S9=3"))
			.withMessageContaining("S9");
	}

	@Test
	void contradictoryRoundsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunnerOptions.parse("--rounds", "S5=3", "--idle-rounds", "2"))
			.withMessageContaining("--idle-rounds");
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--rounds", "S3=9,S3=7"))
			.withMessageContaining("twice");
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--rounds", "5,6"))
			.withMessageContaining("two values");
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--rounds", "S3=0"))
			.withMessageContaining("positive");
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--rounds", "S3=many"))
			.withMessageContaining("many");
	}

	@Test
	void loadScenariosLeaveOutIdleAndResp() {
		assertThat(RunnerOptions.parse("--scenarios", "S5,S1,RESP,S3").loadScenarios()).isEqualTo(List.of("S1", "S3"));
	}

}
