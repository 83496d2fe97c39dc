package dev.socketserver.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class RedisServerTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private final List<RedisClient> clients = new ArrayList<>();

	@AfterEach
	void shutDownClients() {
		this.clients.forEach((client) -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
	}

	@Test
	void lettuceConnectsAndSetThenGetWork() {
		try (StatefulRedisConnection<String, String> connection = client(redis.server()).connect()) {
			RedisCommands<String, String> commands = connection.sync();
			assertThat(commands.set("greeting", "hello")).isEqualTo("OK");
			assertThat(commands.get("greeting")).isEqualTo("hello");
		}
	}

	@Test
	void serverIsAChildProcessOnLoopbackThatWritesNothingToDisk() {
		RedisServer server = redis.server();
		assertThat(ProcessHandle.of(server.pid())).hasValueSatisfying((process) -> {
			assertThat(process.isAlive()).isTrue();
			assertThat(process.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
		});
		try (StatefulRedisConnection<String, String> connection = client(server).connect()) {
			RedisCommands<String, String> commands = connection.sync();
			assertThat(commands.configGet("bind")).containsEntry("bind", "127.0.0.1");
			assertThat(commands.configGet("save")).containsEntry("save", "");
			assertThat(commands.configGet("appendonly")).containsEntry("appendonly", "no");
			assertThat(commands.configGet("dir")).containsEntry("dir", server.directory().toString());
		}
	}

	@Test
	void whenStoppedThenProcessAndDirectoryAreGoneAndConnectionsFail() {
		RedisServer server = redis.server();
		long pid = server.pid();
		Path directory = server.directory();
		RedisClient client = client(server);
		client.setOptions(ClientOptions.builder().autoReconnect(false).build());
		StatefulRedisConnection<String, String> connection = client.connect();
		assertThat(connection.sync().ping()).isEqualTo("PONG");
		server.stop();
		assertThat(server.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(directory).doesNotExist();
		await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isOpen());
		assertThatExceptionOfType(RedisException.class).isThrownBy(() -> connection.sync().ping());
		assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(client::connect);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connectPlainSocket(server.port()));
		assertThatIllegalStateException().isThrownBy(server::pid);
	}

	@Test
	void whenRestartedThenANewProcessListensOnTheSamePortAndLettuceReconnects() {
		RedisServer server = redis.server();
		int port = server.port();
		long pid = server.pid();
		StatefulRedisConnection<String, String> connection = client(server).connect();
		connection.sync().set("before", "restart");
		server.restart();
		assertThat(server.port()).isEqualTo(port);
		assertThat(server.pid()).isNotEqualTo(pid);
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(connection::isOpen);
		assertThat(connection.sync().get("before")).isNull();
		assertThat(connection.sync().set("after", "restart")).isEqualTo("OK");
	}

	@Test
	void binaryShippedInTheTestDependencyRuns() {
		Path binary = RedisBinary.embedded();
		assertThat(binary).isExecutable();
		assertThat(RedisBinary.chosen(RedisBinary.EMBEDDED)).isEqualTo(binary);
		try (RedisServer server = RedisServer.start(binary)) {
			assertThat(server.binaryPath()).isEqualTo(binary);
			assertThat(server.port()).isNotEqualTo(redis.server().port());
			try (StatefulRedisConnection<String, String> connection = client(server).connect()) {
				RedisCommands<String, String> commands = connection.sync();
				assertThat(commands.set("shipped", "yes")).isEqualTo("OK");
				assertThat(commands.get("shipped")).isEqualTo("yes");
				assertThat(commands.info("server")).contains("redis_version:6.2.");
			}
		}
	}

	@Test
	void binaryChoiceThatIsNoExecutableFailsNamingTheProperty(@TempDir Path directory) throws IOException {
		Path notExecutable = Files.createFile(directory.resolve("redis-server"));
		assertThatIllegalStateException().isThrownBy(() -> RedisBinary.chosen(notExecutable.toString()))
			.withMessageContaining(RedisBinary.PROPERTY);
	}

	private RedisClient client(RedisServer server) {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
		this.clients.add(client);
		return client;
	}

	private static void connectPlainSocket(int port) throws IOException {
		new Socket(InetAddress.getLoopbackAddress(), port).close();
	}

}
