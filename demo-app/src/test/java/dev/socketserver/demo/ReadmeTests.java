package dev.socketserver.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The READMEs, English and Chinese, tell a newcomer the same commands and the same demo ports, and those ports
 * are the ones the demo listens on: a port changed in one place fails here, not in a reader's terminal.
 */
class ReadmeTests {

	private static final Pattern SHELL_BLOCK = Pattern.compile("```shell\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern DEMO_ROW = Pattern.compile("^\\| (`[\\w-]+`|Actuator) \\| (\\d+) \\|",
			Pattern.MULTILINE);

	private final String english = read("README.md");

	private final String chinese = read("README.zh-CN.md");

	@Test
	void bothListTheSameCommands() {
		assertThat(commands(this.chinese)).containsExactlyElementsOf(commands(this.english));
	}

	@Test
	void bothListTheSameDemoPorts() {
		assertThat(demoPorts(this.english)).isNotEmpty();
		assertThat(demoPorts(this.chinese)).isEqualTo(demoPorts(this.english));
	}

	@Test
	void theDemoPortsAreTheOnesTheDemoListensOn() throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application",
				new ClassPathResource("application.yml"));
		Map<String, String> configured = new TreeMap<>();
		for (String server : demoPorts(this.english).keySet()) {
			String property = server.equals("Actuator") ? "server.port" : "socket.servers." + server + ".port";
			Object port = sources.get(0).getProperty(property);
			configured.put(server, (port != null) ? port.toString() : "8080");
		}
		assertThat(demoPorts(this.english)).isEqualTo(configured);
	}

	@Test
	void theEnglishReadmeLinksTheTranslation() {
		assertThat(this.english).contains("(README.zh-CN.md)");
		assertThat(this.chinese).contains("(README.md)");
	}

	private static Set<String> commands(String readme) {
		Set<String> commands = new LinkedHashSet<>();
		Matcher block = SHELL_BLOCK.matcher(readme);
		while (block.find()) {
			for (String line : block.group(1).split("\n")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					commands.add(line.strip());
				}
			}
		}
		return commands;
	}

	private static Map<String, String> demoPorts(String readme) {
		Map<String, String> ports = new TreeMap<>();
		Matcher row = DEMO_ROW.matcher(readme);
		while (row.find()) {
			ports.put(row.group(1).replace("`", ""), row.group(2));
		}
		return ports;
	}

	private static String read(String name) {
		try {
			return Files.readString(Path.of("..", name), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The build runs from the repository: " + name + " is beside demo-app", ex);
		}
	}

}
