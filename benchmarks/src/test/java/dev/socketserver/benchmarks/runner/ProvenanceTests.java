package dev.socketserver.benchmarks.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceTests {

	@TempDir
	Path dir;

	@Test
	void argumentsAreQuotedSoThatAShellReadsThemBack() {
		assertThat(Provenance.commandLine(List.of("--rounds", "5,S3=9", "--demo-args=--a b", "it's", "")))
			.isEqualTo("--rounds 5,S3=9 '--demo-args=--a b' 'it'\\''s' ''");
	}

	@Test
	void commandFromRunShIsKeptAsTyped() {
		Provenance provenance = Provenance.capture(this.dir, List.of("--rounds", "S3=9", "--no-pin"), List.of(),
				"benchmarks/run.sh --rounds S3=9", "false");
		assertThat(provenance.command()).isEqualTo("benchmarks/run.sh --rounds S3=9");
		assertThat(provenance.arguments()).containsExactly("--rounds", "S3=9", "--no-pin");
		assertThat(provenance.built()).isFalse();
	}

	@Test
	void withoutRunShTheCommandIsTheRunnersOwn() {
		Provenance provenance = Provenance.capture(this.dir, List.of("--quick"), List.of(), null, null);
		assertThat(provenance.command()).startsWith("java -cp ")
			.endsWith(BenchmarkRunner.class.getName() + " --quick");
		assertThat(provenance.built()).isNull();
	}

	@Test
	void outsideAGitCheckoutTheCommitIsUnknownAndCountsAsDirty() {
		Provenance provenance = Provenance.capture(this.dir, List.of(), List.of(), "x", "true");
		assertThat(provenance.commit()).isNull();
		assertThat(provenance.shortCommit()).isEqualTo("unknown");
		assertThat(provenance.dirty()).isTrue();
	}

	@Test
	void modifiedAndUntrackedFilesMakeTheTreeDirtyButTheReportsOwnFilesDoNot() throws Exception {
		git("init", "-q");
		Files.writeString(this.dir.resolve("Code.java"), "class Code {}\n");
		Files.createDirectories(this.dir.resolve("benchmarks"));
		Files.writeString(this.dir.resolve("benchmarks/RESULTS.md"), "old\n");
		git("add", ".");
		git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first");
		List<Path> outputs = List.of(this.dir.resolve("benchmarks/RESULTS.md"),
				this.dir.resolve("benchmarks/results-ratios.svg"));
		Provenance clean = Provenance.capture(this.dir, List.of(), outputs, "x", "true");
		assertThat(clean.commit()).hasSize(40);
		assertThat(clean.dirty()).isFalse();
		Files.writeString(this.dir.resolve("benchmarks/RESULTS.md"), "new\n");
		Files.writeString(this.dir.resolve("benchmarks/results-ratios.svg"), "<svg/>\n");
		assertThat(Provenance.capture(this.dir, List.of(), outputs, "x", "true").dirty()).isFalse();
		Files.writeString(this.dir.resolve("Code.java"), "class Code { int changed; }\n");
		Files.writeString(this.dir.resolve("New.java"), "class New {}\n");
		Provenance dirty = Provenance.capture(this.dir, List.of(), outputs, "x", "true");
		assertThat(dirty.dirty()).isTrue();
		assertThat(dirty.changes()).containsExactly("M Code.java", "? New.java");
	}

	private void git(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("git"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(this.dir.toFile()).inheritIO().start();
		assertThat(process.waitFor()).isZero();
	}

}
