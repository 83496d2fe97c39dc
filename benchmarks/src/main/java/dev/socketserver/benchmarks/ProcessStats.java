package dev.socketserver.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Figures of a Linux process read from {@code /proc}: CPU time, resident memory and open files.
 *
 * @since 0.1.0
 */
public final class ProcessStats {

	/**
	 * Clock ticks per second of {@code /proc/PID/stat} times ({@code USER_HZ}); 100 on x86-64 and arm64 Linux.
	 */
	public static final int DEFAULT_CLOCK_TICKS = 100;

	private ProcessStats() {
	}

	/**
	 * Returns the CPU time (user + system, all threads, including ended ones) a process used so far.
	 * @param pid the process id
	 * @param clockTicks clock ticks per second ({@code getconf CLK_TCK})
	 * @return the CPU time in nanoseconds, or -1 if it cannot be read
	 */
	public static long cpuNanos(long pid, int clockTicks) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name in parentheses may itself contain spaces: count fields after its closing parenthesis.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * (1_000_000_000L / clockTicks);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Returns the resident set size of a process.
	 * @param pid the process id
	 * @return the RSS in bytes, or -1 if it cannot be read
	 */
	public static long rssBytes(long pid) {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
			for (String line : lines) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Returns the number of open file descriptors of a process.
	 * @param pid the process id
	 * @return the count, or -1 if it cannot be read
	 */
	public static int openFiles(long pid) {
		int count = 0;
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path ignored : fds) {
				count++;
			}
			return count;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
