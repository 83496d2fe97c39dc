package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * What the demo application's jar contains, so that the report says what was really measured: which servers its
 * configuration declares, and whether its build knows a feature's properties.
 *
 * @since 0.1.0
 */
final class DemoJar {

	private final Path jar;

	DemoJar(Path jar) {
		this.jar = jar;
	}

	/**
	 * Returns whether the application configuration in the jar declares a server under {@code socket.servers}.
	 */
	boolean declaresServer(String name) throws IOException {
		String quoted = Pattern.quote(name);
		Pattern yaml = Pattern.compile("(?m)^\\s+" + quoted + ":\\s*(#.*)?$");
		Pattern properties = Pattern.compile("(?m)^socket\\.servers\\." + quoted + "\\.");
		try (ZipFile zip = new ZipFile(this.jar.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.getName().matches("BOOT-INF/classes/application[^/]*\\.(ya?ml|properties)")) {
					try (InputStream in = zip.getInputStream(entry)) {
						String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
						if (yaml.matcher(text).find() || properties.matcher(text).find()) {
							return true;
						}
					}
				}
			}
		}
		return false;
	}

	/**
	 * Returns whether the jar, or one of our own modules' jars nested in it, has an entry with a matching name.
	 */
	boolean hasEntry(Predicate<String> name) throws IOException {
		try (ZipFile zip = new ZipFile(this.jar.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (name.test(entry.getName())) {
					return true;
				}
				if (entry.getName().matches("BOOT-INF/lib/socket-server-[^/]*\\.jar")
						&& nestedHasEntry(zip, entry, name)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Returns whether the build binds heartbeat properties, i.e. has a heartbeat group in its properties classes.
	 */
	boolean knowsHeartbeatProperties() throws IOException {
		return hasEntry((entry) -> entry.startsWith("dev/socketserver/autoconfigure/")
				&& entry.contains("Properties$") && entry.contains("Heartbeat"));
	}

	private static boolean nestedHasEntry(ZipFile zip, ZipEntry nested, Predicate<String> name) throws IOException {
		try (ZipInputStream in = new ZipInputStream(zip.getInputStream(nested))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				if (name.test(entry.getName())) {
					return true;
				}
			}
		}
		return false;
	}

}
