package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What produced a report: the command line, the runner's own arguments, the commit, the uncommitted changes of
 * the working tree and whether the command built the jars it ran.
 *
 * @param command the command line as typed, e.g. {@code benchmarks/run.sh --rounds S3=9}
 * @param arguments the arguments the runner received, which {@code run.sh} may have added to
 * @param commit the commit checked out, or {@code null} if not known
 * @param changes files that differ from the commit, modified ({@code "M path"}) or untracked ({@code "? path"});
 * the report's own files are not counted
 * @param built whether {@code run.sh} built the jars ({@code false} with {@code --no-build}), or {@code null}
 * when the runner was started without {@code run.sh}
 * @since 0.1.0
 */
record Provenance(String command, List<String> arguments, @Nullable String commit, List<String> changes,
		@Nullable Boolean built) {

	/** System property in which {@code run.sh} passes the command line as typed. */
	static final String COMMAND_PROPERTY = "benchmarks.command";

	/** System property in which {@code run.sh} passes whether it built the jars. */
	static final String BUILT_PROPERTY = "benchmarks.built";

	private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./=:,@%+-]+");

	Provenance {
		arguments = List.copyOf(arguments);
		changes = List.copyOf(changes);
	}

	/**
	 * Captures the provenance of this run, with the command line and the build as {@code run.sh} passed them.
	 * @param repoRoot a directory in the repository
	 * @param args the runner's arguments
	 * @param outputs the files the report writes, not counted as changes
	 * @return the provenance
	 */
	static Provenance capture(Path repoRoot, List<String> args, Collection<Path> outputs) {
		return capture(repoRoot, args, outputs, System.getProperty(COMMAND_PROPERTY),
				System.getProperty(BUILT_PROPERTY));
	}

	/**
	 * Captures the provenance of a run.
	 * @param repoRoot a directory in the repository
	 * @param args the runner's arguments
	 * @param outputs the files the report writes, not counted as changes
	 * @param command the command line as typed, or {@code null} if the runner was started directly
	 * @param built {@code "true"} or {@code "false"}, or {@code null} if not known
	 * @return the provenance
	 */
	static Provenance capture(Path repoRoot, List<String> args, Collection<Path> outputs, @Nullable String command,
			@Nullable String built) {
		String commandLine = (command != null && !command.isBlank()) ? command.trim()
				: "java -cp " + quote(RunnerOptions.ownJar()) + " " + BenchmarkRunner.class.getName()
						+ (args.isEmpty() ? "" : " " + commandLine(args));
		Boolean rebuilt = (built != null) ? Boolean.valueOf(built) : null;
		String head = Environment.command(repoRoot, "git", "rev-parse", "HEAD");
		String top = Environment.command(repoRoot, "git", "rev-parse", "--show-toplevel");
		if (head.isEmpty() || top.isEmpty()) {
			return new Provenance(commandLine, args, null, List.of(), rebuilt);
		}
		Path root = Path.of(top);
		List<String> excluded = new ArrayList<>();
		for (Path output : outputs) {
			excluded.add(relative(root, output));
		}
		List<String> changes = new ArrayList<>();
		addChanges(changes, "M ", Environment.command(root, "git", "diff", "--name-only", "HEAD"), excluded);
		addChanges(changes, "? ", Environment.command(root, "git", "ls-files", "--others", "--exclude-standard"),
				excluded);
		return new Provenance(commandLine, args, head, changes, rebuilt);
	}

	/**
	 * Returns the path of a file relative to the repository root as git names it, resolving links in its
	 * directory (git names the root by its real path).
	 */
	private static String relative(Path root, Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		Path parent = absolute.getParent();
		try {
			if (parent != null && Files.isDirectory(parent)) {
				absolute = parent.toRealPath().resolve(absolute.getFileName());
			}
		}
		catch (IOException ex) {
			// Keep the path as given: at worst the file counts as a change.
		}
		return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
	}

	private static void addChanges(List<String> changes, String prefix, String output, List<String> excluded) {
		for (String line : output.split("\n")) {
			String path = line.trim();
			if (!path.isEmpty() && !excluded.contains(path)) {
				changes.add(prefix + path);
			}
		}
	}

	/**
	 * Returns whether the working tree differs from the commit, or the commit is not known.
	 */
	boolean dirty() {
		return this.commit == null || !this.changes.isEmpty();
	}

	/**
	 * Returns the first 12 digits of the commit, or {@code "unknown"}.
	 */
	String shortCommit() {
		return (this.commit != null) ? this.commit.substring(0, Math.min(12, this.commit.length())) : "unknown";
	}

	/**
	 * Returns the arguments as one line that a POSIX shell reads back as the same words.
	 */
	static String commandLine(List<String> args) {
		List<String> words = new ArrayList<>();
		for (String arg : args) {
			words.add(quote(arg));
		}
		return String.join(" ", words);
	}

	private static String quote(String word) {
		if (!word.isEmpty() && PLAIN_WORD.matcher(word).matches()) {
			return word;
		}
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
