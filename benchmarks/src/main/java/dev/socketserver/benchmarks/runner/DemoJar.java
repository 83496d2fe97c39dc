package dev.socketserver.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
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

	private static final Pattern YAML_KEY = Pattern.compile("\"?([A-Za-z0-9_.-]+)\"?:\\s*(#.*)?");

	private static final Pattern PROPERTIES_SERVER = Pattern.compile("(?m)^\\s*socket\\.servers\\.([A-Za-z0-9_-]+)\\.");

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
	 * Returns the servers that the jar's base application configuration ({@code application.yml}, {@code .yaml}
	 * or {@code .properties}, active in every profile) declares under {@code socket.servers}, in order.
	 */
	List<String> serverNames() throws IOException {
		Set<String> names = new LinkedHashSet<>();
		try (ZipFile zip = new ZipFile(this.jar.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.getName().matches("BOOT-INF/classes/application\\.(ya?ml|properties)")) {
					try (InputStream in = zip.getInputStream(entry)) {
						String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
						names.addAll(entry.getName().endsWith(".properties") ? propertiesServers(text)
								: yamlServers(text));
					}
				}
			}
		}
		return new ArrayList<>(names);
	}

	/**
	 * Returns the keys right under {@code socket:} / {@code servers:} of a YAML document; enough for block style,
	 * which is what application configuration uses.
	 */
	static List<String> yamlServers(String yaml) {
		List<String> names = new ArrayList<>();
		int socketIndent = -1;
		int serversIndent = -1;
		int childIndent = -1;
		for (String line : yaml.split("\\R")) {
			String content = line.strip();
			if (content.isEmpty() || content.startsWith("#") || content.equals("---")) {
				continue;
			}
			int indent = line.length() - line.stripLeading().length();
			if (serversIndent >= 0 && indent > serversIndent) {
				if (childIndent < 0) {
					childIndent = indent;
				}
				Matcher key = YAML_KEY.matcher(content);
				if (indent == childIndent && key.matches()) {
					names.add(key.group(1));
				}
				continue;
			}
			serversIndent = -1;
			childIndent = -1;
			if (socketIndent >= 0 && indent > socketIndent && content.matches("servers:\\s*(#.*)?")) {
				serversIndent = indent;
				continue;
			}
			if (indent <= socketIndent) {
				socketIndent = -1;
			}
			if (indent == 0 && content.matches("socket:\\s*(#.*)?")) {
				socketIndent = 0;
			}
		}
		return names;
	}

	private static List<String> propertiesServers(String properties) {
		List<String> names = new ArrayList<>();
		Matcher matcher = PROPERTIES_SERVER.matcher(properties);
		while (matcher.find()) {
			if (!names.contains(matcher.group(1))) {
				names.add(matcher.group(1));
			}
		}
		return names;
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
