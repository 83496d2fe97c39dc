package dev.socketserver.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code redis-server} executable for {@link RedisServer}: the one on
 * {@code PATH} (Debian's {@code redis-server}) or, when there is none, the linux-amd64
 * binary shipped in the {@code com.github.codemonstur:embedded-redis} test dependency,
 * extracted once per JVM to a temporary file that a shutdown hook deletes. The system
 * property {@value #PROPERTY} overrides the choice: {@value #EMBEDDED} forces the shipped
 * binary and any other value names an executable.
 */
public final class RedisBinary {

	/**
	 * System property that chooses the binary: unset or empty for {@code PATH} then the
	 * shipped binary, {@value #EMBEDDED} for the shipped binary only, anything else for
	 * the executable at that path.
	 */
	public static final String PROPERTY = "socket.test.redis-server";

	/**
	 * Value of {@value #PROPERTY} that forces the binary shipped in the test dependency.
	 */
	public static final String EMBEDDED = "embedded";

	/**
	 * Where embedded-redis 1.4.3 keeps its linux-amd64 binary, which reports itself as
	 * Redis 6.2.11.
	 */
	private static final String EMBEDDED_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

	private static @Nullable Path extracted;

	private RedisBinary() {
	}

	/**
	 * Returns the binary chosen by {@value #PROPERTY}.
	 * @return the {@code redis-server} executable
	 */
	public static Path chosen() {
		return chosen(System.getProperty(PROPERTY, ""));
	}

	static Path chosen(String choice) {
		if (choice.isBlank()) {
			return onPath().orElseGet(RedisBinary::embedded);
		}
		if (EMBEDDED.equals(choice)) {
			return embedded();
		}
		Path binary = Path.of(choice);
		if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
			throw new IllegalStateException("'" + PROPERTY + "' names " + binary + ", which is not an executable file");
		}
		return binary;
	}

	/**
	 * Returns the first {@code redis-server} on {@code PATH}, if any.
	 * @return the executable, or empty
	 */
	public static Optional<Path> onPath() {
		String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
		for (String entry : path.split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			try {
				Path candidate = Path.of(entry, "redis-server");
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
			catch (InvalidPathException ex) {
				// An entry that is no path holds no binary.
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the linux-amd64 binary shipped in the test dependency, extracted on first
	 * use.
	 * @return the executable
	 * @throws IllegalStateException on another platform, or when the dependency is not on
	 * the class path
	 */
	public static synchronized Path embedded() {
		if (extracted != null) {
			return extracted;
		}
		String os = System.getProperty("os.name", "");
		String arch = System.getProperty("os.arch", "");
		if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
			throw new IllegalStateException("The redis-server shipped in embedded-redis is for linux-amd64, not " + os
					+ " " + arch + ": put a redis-server on PATH or name one with -D" + PROPERTY);
		}
		URL resource = RedisBinary.class.getResource(EMBEDDED_RESOURCE);
		if (resource == null) {
			throw new IllegalStateException(EMBEDDED_RESOURCE
					+ " is not on the class path: is com.github.codemonstur:embedded-redis a test dependency?");
		}
		try {
			Path directory = Files.createTempDirectory("redis-server-binary-");
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> RedisServer.deleteQuietly(directory), "redis-binary-cleanup"));
			Path binary = directory.resolve("redis-server");
			try (InputStream in = resource.openStream()) {
				Files.copy(in, binary);
			}
			Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
			extracted = binary;
			return binary;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not extract " + EMBEDDED_RESOURCE, ex);
		}
	}

}
