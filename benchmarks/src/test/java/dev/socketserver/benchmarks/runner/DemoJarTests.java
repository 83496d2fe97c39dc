package dev.socketserver.benchmarks.runner;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoJarTests {

	private static final String YAML = """
			spring:
			  application:
			    name: demo
			socket:
			  worker-threads: 2
			  servers:
			    # Length-prefixed frames.
			    echo:
			      port: 7000
			      heartbeat:
			        interval: 30s
			    line-echo:
			      port: 7001
			    echo-tls:
			      port: 7443

			    chat: # for humans
			      port: 7002
			    resp:
			      port: 6380
			  shutdown:
			    grace-period: 5s
			management:
			  servers:
			    not-a-socket-server: true
			""";

	@TempDir
	Path dir;

	@Test
	void serversAreTheKeysUnderSocketServers() {
		assertThat(DemoJar.yamlServers(YAML)).containsExactly("echo", "line-echo", "echo-tls", "chat", "resp");
	}

	@Test
	void serversComeFromTheBaseConfigurationOnly() throws Exception {
		Path jar = jar("BOOT-INF/classes/application.yml", YAML, "BOOT-INF/classes/application-extra.properties",
				"socket.servers.extra.port=9000\n");
		assertThat(new DemoJar(jar).serverNames()).containsExactly("echo", "line-echo", "echo-tls", "chat", "resp");
		Path properties = jar("BOOT-INF/classes/application.properties",
				"socket.servers.echo.port=7000\nsocket.servers.echo.codec=line\nsocket.servers.devices.port=7003\n");
		assertThat(new DemoJar(properties).serverNames()).containsExactly("echo", "devices");
	}

	@Test
	void serversThatAreNotMeasuredGetPortsTheKernelPicks() throws Exception {
		Path jar = jar("BOOT-INF/classes/application.yml", YAML);
		RunnerOptions options = RunnerOptions.parse("--demo-jar", jar.toString(),
				"--demo-args=--socket.servers.chat.port=9000");
		assertThat(BenchmarkRunner.otherDemoServers(options)).containsExactly("--socket.servers.echo-tls.port=0");
	}

	private Path jar(String... entries) throws Exception {
		Path jar = Files.createTempFile(this.dir, "demo", ".jar");
		try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (int i = 0; i < entries.length; i += 2) {
				zip.putNextEntry(new ZipEntry(entries[i]));
				zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return jar;
	}

}
